// The first build ran Old's gradient test; the second, with the tests off, deleted its source and
// its classes, and ran no test.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/Building tests-turned-off 1\.0/)
assert builds.length == 3 : "expected two builds in build.log, found ${builds.length - 1}"
assert builds[1].contains('Tests run: 1, Failures: 0, Errors: 0') : 'the first build ran no gradient test'
assert builds[2].contains('target/generated-test-sources/netgrad/com/acme/OldGradientTest.java'.replace('/', File.separator))
assert !builds[2].contains('OldGradientTest]') && !builds[2].contains('in com.acme.OldGradientTest') : 'the old test ran'
assert builds[2].contains('BUILD SUCCESS')
assert !new File(basedir, 'target/generated-test-sources/netgrad/com/acme/OldGradientTest.java').exists()
assert !new File(basedir, 'target/test-classes/com/acme/OldGradientTest.class').exists() : "the old test's class outlived it"
assert new File(basedir, 'target/classes/com/acme/New.class').isFile()
return true
