package org.melkit.cli;

import picocli.CommandLine;

/** Versions for manifests and {@code melkit --version}. */
final class Version {
    private Version() {}

    static String melkit() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** picocli's {@code --version}: {@code melkit X}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"melkit " + melkit()};
        }
    }
}
