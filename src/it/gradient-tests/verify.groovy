// One gradient check per network was generated into the test sources, and each one passed.
def tests = new File(basedir, 'target/generated-test-sources/netgrad/checks')
def networks = ['BatchNorm', 'GradCheck', 'Regression', 'Softmax']
networks.each { name ->
    assert new File(tests, "${name}GradientTest.java").isFile() : "no gradient test for ${name}"
    def report = new File(basedir, "target/surefire-reports/TEST-checks.${name}GradientTest.xml")
    assert report.isFile() : "the gradient test of ${name} did not run"
    def suite = new groovy.xml.XmlSlurper().parse(report)
    assert suite.@tests.toInteger() == 1
    assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 : "${name}: ${report.text}"
}
return true
