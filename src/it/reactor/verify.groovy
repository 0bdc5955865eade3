// Module b depends on module a, and both have specs: the runtime is compiled into a's jar alone. b wrote a copy
// of its own, and its jar then held every runtime class a second time, on the class path of all that uses both.
import java.util.jar.JarFile

def log = new File(basedir, 'build.log').getText('UTF-8')
def entries = { String module ->
    def jar = new JarFile(new File(basedir, "${module}/target/${module}-1.0.jar"))
    try {
        return jar.entries().collect { it.name }
    } finally {
        jar.close()
    }
}
assert entries('a').contains('dev/netgrad/runtime/NetworkTrainer.class')
assert entries('a').contains('com/acme/a/Small.class')
def b = entries('b')
assert b.contains('com/acme/b/Other.class')
def copies = b.findAll { it.startsWith('dev/netgrad/runtime/') && it.endsWith('.class') }
assert copies.isEmpty() : "b's jar holds ${copies.size()} runtime classes, such as ${copies[0]}"
assert !new File(basedir, 'b/target/generated-sources/netgrad/dev').exists()
def jarOfA = new File(basedir, 'a/target/a-1.0.jar').toPath().toAbsolutePath().normalize()
assert log.contains("netgrad: the runtime (dev.netgrad.runtime) is the one the dependency ${jarOfA} holds: not written again")
// b's test ran both trainers on a's runtime.
assert log.contains('Tests run: 1, Failures: 0')
return true
