// Every problem of every spec is logged as path:line:col: error: message, then the build fails
// without writing anything, not even the good spec's class.
def log = new File(basedir, 'build.log').getText('UTF-8')
def specs = basedir.toPath().toAbsolutePath().normalize().resolve('src/main/nn')

def expect = { String relative, String position, String fragment ->
    String line = "[ERROR] ${specs.resolve(relative)}:${position}: error: "
    assert log.contains(line) : "build.log lacks: ${line}"
    String full = log.readLines().find { it.startsWith(line) }
    assert full.contains(fragment) : "unexpected message: ${full}"
}
expect('Syntax.nn', '5:10', "expected ']'")
expect('nets/Shapes.nn', '7:14', '3 x 5 @ 2 x m')
expect('twins/Second.nn', '2:9', "class twins.Twin is generated twice: ${specs.resolve('twins/First.nn')}")
def ownSource = basedir.toPath().toAbsolutePath().normalize().resolve('src/main/java/clash/Mine.java')
expect('clash/Mine.nn', '2:9', "class clash.Mine is also defined by the project's source ${ownSource}")

// Compiler style: the source line and a caret follow each message.
assert log.contains('[ERROR]   Z = V @ (W @ X)\n[ERROR]              ^') || log.contains('[ERROR]   Z = V @ (W @ X)\r\n[ERROR]              ^')
assert log.contains('netgrad: 4 errors in the specs under')
assert log.contains('BUILD FAILURE')

def generated = new File(basedir, 'target/generated-sources/netgrad')
assert !new File(generated, 'netgrad/generated/Good.java').exists() : 'nothing is written while a spec is wrong'
assert !new File(basedir, 'target/netgrad/Good.md').exists()
return true
