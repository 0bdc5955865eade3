// One gradient check per network was generated into the test sources, and each one passed.
def tests = new File(basedir, 'target/generated-test-sources/netgrad/checks')
def networks = ['BatchNorm', 'Dead', 'GradCheck', 'Regression', 'Softmax']
networks.each { name ->
    assert new File(tests, "${name}GradientTest.java").isFile() : "no gradient test for ${name}"
    def report = new File(basedir, "target/surefire-reports/TEST-checks.${name}GradientTest.xml")
    assert report.isFile() : "the gradient test of ${name} did not run"
    def suite = new groovy.xml.XmlSlurper().parse(report)
    assert suite.@tests.toInteger() == 1
    assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 : "${name}: ${report.text}"
}

// Dead's W compared only zeros: the test passes on b and names W in a warning, which surefire shows; no other test warns.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("warning: DeadGradientTest: W's gradient and its finite differences are 0 in every entry checked") : 'no warning of W'
assert log.count('compared only zeros') == 1 : 'a warning of another network'
return true
