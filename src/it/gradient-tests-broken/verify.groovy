// The broken dJ/dW1 was caught by the generated gradient check, and only it among GradCheck's params; Dead's check, which compared only zeros,
// and Faint's, whose every param was within the differences' own error, failed.
def source = new File(basedir, 'target/generated-sources/netgrad/checks/GradCheck.java').getText('UTF-8')
assert source.contains('Broken on purpose by the test project.') : 'the gradient was not broken: the test project no longer matches the generated code'

def report = new File(basedir, 'target/surefire-reports/TEST-checks.GradCheckGradientTest.xml')
assert report.isFile() : 'the gradient test did not run'
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 1
assert suite.@failures.toInteger() == 1

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("GradCheck's derived gradients disagree with finite differences")
// The test JVM's default locale is de-DE (the pom's argLine): its numbers are written as in ROOT all the same.
assert log =~ /dJ\/dW1: relative difference \d\.\d{3}e-\d\d \(tolerance 1e-07\), and \|g - g_fd\| = \d\.\d{3}e[-+]\d\d is above/ : 'not ROOT-locale numbers'
assert !(log =~ /\d,\d{3}e[-+]\d\d/) : 'a German decimal comma in the messages'
assert !(log =~ /dJ\/db1: relative difference/) : 'only the broken gradient is reported'

// Dead's only param compared only zeros: its test fails, as gradcheck does, rather than pass on nothing.
def dead = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-checks.DeadGradientTest.xml'))
assert dead.@failures.toInteger() == 1
assert log.contains("Dead's derived gradients could not be compared but as zeros")

// Faint's gradients are all within the differences' rounding: nothing was compared, and its test fails, as gradcheck exits 1.
def faint = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-checks.FaintGradientTest.xml'))
assert faint.@failures.toInteger() == 1
assert log.contains("Faint's derived gradients could not be compared: finite differences of its cost cannot tell any param's gradient")
return true
