// The plugin wrote the trainer, the runtime and the Spark adapter, and the sample trained Iris on
// three partitions to the accuracy the README shows.
def generated = new File(basedir, 'target/generated-sources/netgrad')
assert new File(generated, 'example/nets/Iris.java').isFile()
assert new File(generated, 'dev/netgrad/runtime/Trainer.java').isFile()
assert new File(generated, 'dev/netgrad/runtime/spark/NetgradEstimator.java').isFile()

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('3 partitions, 300 steps: cost ')
def accuracy = (log =~ /training accuracy ([0-9.]+) \((\d+) of 150\)/)
assert accuracy.find() : 'no accuracy line in the build log'
assert accuracy.group(1).toDouble() >= 0.95
assert log.contains('W1 is 10 x 4')
return true
