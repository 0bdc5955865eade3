// javac read every generated file as US-ASCII, and compiled it: the runtime's comments had held a
// middle dot and a micro sign, and every such build failed with "unmappable character".
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('using platform encoding US-ASCII') || log.contains('using platform encoding ANSI_X3.4-1968') : 'the build did not run in the C locale'
assert !log.contains('unmappable character')
assert new File(basedir, 'target/classes/com/acme/Tiny.class').isFile()
assert new File(basedir, 'target/classes/dev/netgrad/runtime/ImageKernels.class').isFile()
return true
