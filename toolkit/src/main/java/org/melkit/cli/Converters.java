package org.melkit.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Value conversions shared by every command. The conformance kit renders Python values as
 * {@code none}, {@code true}/{@code false} and numbers as Python prints them ({@code 2048},
 * {@code 0.0}, {@code 1e-10}); so a boxed {@code Integer} or {@code Double} option reads
 * {@code none} as null (librosa's None), an integer accepts an integral float such as
 * {@code 2048.0}, and a boolean accepts true/false, 1/0 and yes/no.
 */
final class Converters {
    private Converters() {}

    static void register(CommandLine cl) {
        cl.registerConverter(Integer.class, v -> isNone(v) ? null : integer(v));
        cl.registerConverter(int.class, Converters::integer);
        cl.registerConverter(Long.class, v -> isNone(v) ? null : Long.valueOf(longValue(v)));
        cl.registerConverter(long.class, Converters::longValue);
        cl.registerConverter(Double.class, v -> isNone(v) ? null : number(v));
        cl.registerConverter(double.class, Converters::number);
        ITypeConverter<Boolean> bool = Converters::bool;
        cl.registerConverter(Boolean.class, bool);
        cl.registerConverter(boolean.class, bool);
    }

    static boolean isNone(String v) {
        return v.equalsIgnoreCase("none") || v.equalsIgnoreCase("null");
    }

    static Integer integer(String v) {
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            try { // an integral float such as "2048.0"
                double d = Double.parseDouble(v);
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // the message below says what was expected
            }
            throw new TypeConversionException("'" + v + "' is not an integer");
        }
    }

    static Long longValue(String v) {
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + v + "' is not an integer");
        }
    }

    static Double number(String v) {
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + v + "' is not a number");
        }
    }

    static Boolean bool(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes":
                return Boolean.TRUE;
            case "false": case "0": case "no":
                return Boolean.FALSE;
            default:
                throw new TypeConversionException("'" + v + "' is not true or false");
        }
    }
}
