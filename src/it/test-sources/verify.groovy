// Three builds: the tests' trainers alone; -Dmaven.test.skip=true; then with the main code's trainers (profile with-main).
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/Building test-sources 1\.0/)
assert builds.length == 4 : "expected three builds in build.log, found ${builds.length - 1}"

// 1. generate-test alone wrote the trainer and the runtime among the test sources, and the tests passed on them.
assert builds[1] =~ /netgrad: 1 spec, \d+ files written, 0 unchanged/
assert builds[1] =~ /Tests run: 2, Failures: 0, Errors: 0/

// 2. Skipped as the tests' compiling is (the build after clean wrote nothing of netgrad's).
assert builds[2].contains('netgrad: test trainers not generated (maven.test.skip)')
assert !(builds[2] =~ /files written/)
assert builds[2].contains('BUILD SUCCESS')

// 3. The main goal wrote the runtime; the tests' trainers use it, and write none of their own.
def trainers = new File(basedir, 'target/generated-test-sources/netgrad-trainers')
assert new File(trainers, 'com/acme/probes/Probe.java').isFile()
assert !new File(trainers, 'dev').exists() : 'the tests compile against the main classes\' runtime'
assert new File(basedir, 'target/generated-sources/netgrad/dev/netgrad/runtime/Trainer.java').isFile()
assert builds[3].contains('netgrad: the runtime (dev.netgrad.runtime) is the one the module\'s main code '
        + new File(basedir, 'target/generated-sources/netgrad').canonicalPath + ' holds: not written again')
assert builds[3] =~ /Tests run: 2, Failures: 0, Errors: 0/
assert new File(basedir, 'target/netgrad-test/com/acme/probes/Probe.md').isFile()

// The jar holds the main code alone: the tests' trainer is not packaged.
def jar = new java.util.zip.ZipFile(new File(basedir, 'target/test-sources-1.0.jar'))
def entries = jar.entries().collect { it.name }
jar.close()
assert entries.contains('com/acme/Scorer.class') && entries.contains('dev/netgrad/runtime/Trainer.class')
assert !entries.any { it.startsWith('com/acme/probes/') }
return true
