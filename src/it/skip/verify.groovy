// The skipped build generated nothing yet compiled the class generated before it.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/Building skip 1\.0/)
assert builds.length == 3 : "expected two builds in build.log, found ${builds.length - 1}"
assert builds[1] =~ /netgrad: 1 spec, \d+ files written, 0 unchanged/
assert !builds[1].contains('maven-compiler-plugin')
assert builds[2].contains('netgrad: generation skipped (netgrad.skip)')
assert builds[2] =~ /Compiling \d+ source files/
assert new File(basedir, 'target/classes/com/acme/Tiny.class').isFile()
assert new File(basedir, 'target/classes/com/acme/UsesTiny.class').isFile()
return true
