package org.melkit.cli;

/** Versions for manifests and {@code melkit --version}. */
final class Version {
    private Version() {}

    static String melkit() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
