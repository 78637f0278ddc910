package org.melkit.effects;

/** Test access to the package-private JSON parser, for reading committed fixtures. */
public final class TestJson {
    private TestJson() {}

    public static Object parse(String json) {
        return MiniJson.parse(json);
    }
}
