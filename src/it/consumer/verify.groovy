// Both specs became classes in the packages of their folders, their equations were written,
// and the project's own tests trained them.
def generated = new File(basedir, 'target/generated-sources/netgrad')
assert new File(generated, 'com/acme/nets/Iris.java').getText('UTF-8').contains('package com.acme.nets;')
assert new File(generated, 'com/acme/nets/binary/Setosa.java').getText('UTF-8').contains('package com.acme.nets.binary;')

def equations = new File(basedir, 'target/netgrad')
def iris = new File(equations, 'com/acme/nets/Iris.md').getText('UTF-8')
assert iris.contains('dZ2') && iris.contains('dW1')
assert new File(generated, 'dev/netgrad/runtime/NetworkTrainer.java').isFile() : 'the runtime is written beside the trainers'
assert new File(equations, 'com/acme/nets/binary/Setosa.md').getText('UTF-8').contains('dW')

def report = new File(basedir, 'target/surefire-reports/TEST-com.acme.TrainedNetworksTest.xml')
assert report.isFile() : 'the consumer tests did not run'
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 3
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0
return true
