package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.NetworkPrinter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Spec names that Java, java.lang, the runtime or the generated class itself already use, in
 * every place a spec gives a name (network, input, target, param, value, dropout, const, loss,
 * cost): each case says which spec name gets which Java name. All the classes are compiled in one
 * run of javac with {@code --release 17 -Xlint:all -Werror}, and each computes what the evaluator
 * computes, bit for bit.
 */
class HostileNamesTest {
    /** The placeholders NET, IN, TG, PW, HH (a dropout's result), G, KK (a const), LL and JJ take the case's names. */
    private static final String NETWORK = """
            network NET {
              input IN[2]
              target TG[1]
              param PW[3, 2] init randn(0.5)
              param b[3]
              param V[1, 3] init randn(0.5)
              param cc[1]
              const KK = 2
              Z = PW @ IN + b
              HH = dropout(tanh(Z), 0.8)
              G = KK * HH
              A = sigmoid(V @ G + cc)
              loss LL = -(TG * log(A) + (1 - TG) * log(1 - A))
              cost JJ = mean(LL)
            }
            """;

    /** Each row: the placeholders replaced, then each spec name and the Java name it must get. */
    private static final List<String[]> CASES = List.of(
            // Java's keywords, literals and restricted identifiers.
            row("NET=class IN=int TG=true PW=null", "class=class_ int=int_ true=true_ null=null_"),
            row("NET=_", "_=__"),
            row("HH=_", "_=__"),
            row("NET=var", "var=var_"),
            row("HH=var KK=record LL=yield", "var=var record=record yield=yield"),
            row("NET=record G=enum JJ=goto", "record=record_ enum=enum_ goto=goto_"),
            row("NET=yield PW=this G=super KK=new", "yield=yield_ this=this_ super=super_ new=new_"),
            row("NET=sealed HH=permits G=strictfp", "sealed=sealed_ permits=permits strictfp=strictfp_"),
            // java.lang's classes the trainer names are hidden by a field or class of their name; the others are free.
            row("NET=Math HH=String G=Object", "Math=Math_ String=String_ Object=Object_"),
            row("NET=System IN=Integer TG=Thread PW=Double", "System=System_ Integer=Integer_ Thread=Thread_ Double=Double_"),
            row("NET=Float G=Boolean KK=Character", "Float=Float Boolean=Boolean Character=Character"),
            row("NET=java G=javax", "java=java_ javax=javax"),
            // The plugin's gradient test names the runtime's kernels in full, dev.netgrad.runtime.Kernels.
            row("NET=dev", "dev=dev_"),
            // The runtime's classes, and the classes nested in NetworkTrainer.
            row("NET=NetworkTrainer HH=Layout G=Progress PW=Batchnorms", "NetworkTrainer=NetworkTrainer_ Layout=Layout_ Progress=Progress_ Batchnorms=Batchnorms_"),
            row("NET=Optimizer G=EntryRange KK=Kernels", "Optimizer=Optimizer_ EntryRange=EntryRange_ Kernels=Kernels_"),
            // The runtime's package-private classes are not in scope where a generated class lives.
            row("NET=ParamsJson HH=Helpers G=SharingTuner", "ParamsJson=ParamsJson Helpers=Helpers SharingTuner=SharingTuner"),
            // The generated class's own members.
            row("NET=LAYOUT HH=PARAM_NAMES G=NETWORK KK=BATCH", "LAYOUT=LAYOUT PARAM_NAMES=PARAM_NAMES_ NETWORK=NETWORK_ BATCH=BATCH_"),
            row("HH=FORWARD G=forwardPass KK=lines", "FORWARD=FORWARD_ forwardPass=forwardPass_ lines=lines"),
            row("NET=forward HH=backward G=allocate LL=paramBuffer JJ=predictForward",
                    "forward=forward_ backward=backward_ allocate=allocate_ paramBuffer=paramBuffer_ predictForward=predictForward_"),
            // What it inherits from NetworkTrainer and Trainer, and the kernels it imports.
            row("IN=products TG=oneOverM HH=images G=batchSize", "products=products_ oneOverM=oneOverM_ images=images_ batchSize=batchSize_"),
            row("PW=fit HH=predict G=cells KK=fillGaussian", "fit=fit_ predict=predict_ cells=cells_ fillGaussian=fillGaussian_"),
            row("HH=sumRows G=reluGradient LL=useOptimizer", "sumRows=sumRows_ reluGradient=reluGradient_ useOptimizer=useOptimizer_"),
            // Locals and parameters of the generated methods.
            row("IN=from TG=to HH=i G=r", "from=from_ to=to_ i=i_ r=r_"),
            row("PW=c HH=e0 G=h1 KK=s12", "c=c_ e0=e0_ h1=h1_ s12=s12_"),
            row("HH=index G=size", "index=index_ size=size_"),
            // Out of the class's scope: private members of the runtime, members of the optimizer and of products.
            row("PW=beta1 HH=p G=a KK=eps", "beta1=beta1 p=p a=a eps=eps"),
            row("HH=lr G=multiply KK=forEntries", "lr=lr multiply=multiply forEntries=forEntries"),
            // Names the generator makes (compute methods, masks, suffixed names) taken by the spec first.
            row("HH=computeG G=maskHH", "computeG=computeG maskHH=maskHH"),
            row("IN=int HH=int_ G=int__2", "int=int__3 int_=int_ int__2=int__2"),
            row("HH=g G=H", "g=g H=H"),
            row("HH=W_1 G=W1 PW=w1", "W_1=W_1 W1=W1 w1=w1"));

    private static String[] row(String names, String javaNames) {
        return new String[] {names, javaNames};
    }

    @Test
    void everyNameGetsItsJavaNameAndTheClassesCompileAndAgreeWithTheEvaluator() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        List<Derivation> derivations = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            String text = NETWORK;
            for (String substitution : CASES.get(i)[0].strip().split(" +")) {
                String[] parts = substitution.split("=");
                text = text.replaceAll("\\b" + parts[0] + "\\b", parts[1]);
            }
            Derivation d = Specs.derive("hostile" + i + ".nn", text);
            String pkg = "hostile.case" + i;
            String source = TrainerGenerator.generate(d, pkg);
            for (String pair : CASES.get(i)[1].split(" ")) {
                String specName = pair.substring(0, pair.indexOf('='));
                String java = pair.substring(pair.indexOf('=') + 1);
                String declared = specName.equals(d.network().name()) ? "public final class " + java + " extends NetworkTrainer {"
                        : d.network().consts().stream().anyMatch(c -> c.name().equals(specName)) ? "private static final double " + java + " = "
                        : "double[] " + java + " = ";
                assertTrue(source.contains(declared), CASES.get(i)[0] + ": " + specName + " should be " + java + "\n" + source);
            }
            sources.put(pkg + "." + TrainerGenerator.className(d.network()), source);
            derivations.add(d);
        }
        List<String> options = new ArrayList<>(InMemoryCompiler.STRICT);
        options.addAll(List.of("--class-path", InMemoryCompiler.runtimeLocation()));
        Map<String, byte[]> classes = InMemoryCompiler.compileAll(sources, options);
        ClassLoader loader = new InMemoryCompiler.BytesClassLoader(classes);
        List<String> names = new ArrayList<>(sources.keySet());
        for (int i = 0; i < names.size(); i++) {
            CompiledTrainer trainer = CompiledTrainer.create(loader.loadClass(names.get(i)), 1);
            assertEquals(derivations.get(i).network().name(), trainer.networkName(), CASES.get(i)[0]);
            // The forward pass a save records, as the spec names it, whatever Java names the values got.
            assertEquals(NetworkPrinter.forward(derivations.get(i).network()), trainer.trainer().forwardPass(), CASES.get(i)[0]);
            EvaluationAgreementTest.agree(derivations.get(i), trainer, 1, 0.0);
            trainsAFewSteps(trainer, CASES.get(i)[0]);
        }
    }

    private static void trainsAFewSteps(CompiledTrainer trainer, String names) {
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = RandomExamples.inputs(8, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(8, trainer.targetSize(), RandomExamples.TargetKind.BINARY, random);
        trainer.clearMasks();
        for (int step = 0; step < 3; step++) {
            assertTrue(Double.isFinite(trainer.trainStep(x, y)), names);
        }
    }
}
