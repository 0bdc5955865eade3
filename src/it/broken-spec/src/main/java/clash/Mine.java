package clash;

/** The project's own class, which the network in src/main/nn/clash/Mine.nn would generate again. */
public class Mine {
}
