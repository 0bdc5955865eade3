// Renaming a spec between two builds leaves no output of the old name; the unchanged spec's
// outputs keep their bytes and timestamps. Then two bad configurations fail with clear messages,
// netgrad:help documents the parameters, and a third bad configuration fails.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/Building renamed-spec 1\.0/)
assert builds.length == 7 : "expected six builds in build.log, found ${builds.length - 1}"

// Four outputs of the two specs, and the runtime the trainers share; the second build writes
// New's two and leaves the rest as they were.
def first = (builds[1] =~ /netgrad: 2 specs, (\d+) files written, 0 unchanged/)
assert first.find()
def unchanged = (first.group(1) as int) - 2
assert builds[2].contains("netgrad: 2 specs, 2 files written, ${unchanged} unchanged, 2 stale files deleted")

def out = new File(basedir, 'target/generated-sources/netgrad/com/acme')
def equations = new File(basedir, 'target/netgrad/com/acme')
assert !new File(out, 'Old.java').exists()
assert !new File(equations, 'Old.md').exists()
assert new File(out, 'New.java').isFile()
assert new File(equations, 'New.md').isFile()
assert new File(basedir, 'target/classes/com/acme/New.class').isFile()
assert new File(basedir, 'target/classes/com/acme/UsesKept.class').isFile()
// The old class must not outlive its source either.
assert !new File(basedir, 'target/classes/com/acme/Old.class').exists()

assert builds[3].contains('is a file, not a folder')
assert builds[3].contains('BUILD FAILURE')
assert builds[4].contains('add the dependency org.junit.jupiter:junit-jupiter with <scope>test</scope>')
assert builds[4].contains('BUILD FAILURE')

assert builds[5].contains('netgrad:generate')
assert builds[5].contains('User property: netgrad.skip')
assert builds[5].contains('User property: netgrad.outputDirectory')

def classes = basedir.toPath().toAbsolutePath().normalize().resolve('target/classes')
assert builds[6].contains("<equationsDirectory> ${classes} is the class folder ${classes}")
assert builds[6].contains('BUILD FAILURE')
assert new File(basedir, 'target/classes/com/acme/New.class').isFile() : 'refused before anything is deleted'
return true
