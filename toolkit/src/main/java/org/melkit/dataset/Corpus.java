package org.melkit.dataset;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emotional-speech corpora {@code melkit corpora} combines, each with its file-name rule
 * (labels come from names, never from folders, except SAVEE's speaker folder):
 * <ul>
 * <li>RAVDESS {@code MM-CC-EE-II-SS-RR-AA.wav}: EE 01 neutral, 02 calm, 03 happy, 04 sad,
 *     05 angry, 06 fearful, 07 disgust, 08 surprised; AA the actor;</li>
 * <li>CREMA-D {@code AAAA_SSS_EEE_LL.wav}: EEE one of ANG, DIS, FEA, HAP, NEU, SAD; AAAA the actor;</li>
 * <li>TESS {@code OAF_word_emotion.wav}: emotion one of angry, disgust, fear, happy, neutral,
 *     ps (pleasant surprise), sad; speaker OAF or YAF;</li>
 * <li>SAVEE {@code DC_a01.wav} or {@code DC/a01.wav}: a anger, d disgust, f fear, h happiness,
 *     n neutral, sa sadness, su surprise ({@code sa}/{@code su} matched before {@code a}).</li>
 * </ul>
 * Matching is on the file name without its last extension; letter codes are matched ignoring case.
 */
public enum Corpus {
    RAVDESS, CREMA, TESS, SAVEE;

    /** The lower-case name used in {@code index_*.csv} and as speaker prefix. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** What a file name says: the speaker ({@code <corpus>:<actor>}) and the unified emotion. */
    public record Parsed(String speaker, Emotion emotion) {}

    private static final Pattern RAVDESS_NAME = Pattern.compile("(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})");
    private static final Pattern CREMA_NAME = Pattern.compile("(\\d+)_([A-Za-z0-9]+)_([A-Za-z]+)_([A-Za-z0-9]+)");
    private static final Pattern TESS_NAME = Pattern.compile("([A-Za-z]+)_(.+)_([A-Za-z]+)");
    private static final Pattern SAVEE_FLAT = Pattern.compile("([A-Za-z]{2})_(sa|su|a|d|f|h|n)(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SAVEE_CODE = Pattern.compile("(sa|su|a|d|f|h|n)(\\d+)", Pattern.CASE_INSENSITIVE);

    private static final Emotion[] RAVDESS_CODES = {Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY,
        Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE};
    private static final Map<String, Emotion> CREMA_CODES = Map.of("ANG", Emotion.ANGRY, "DIS", Emotion.DISGUST, "FEA", Emotion.FEAR,
            "HAP", Emotion.HAPPY, "NEU", Emotion.NEUTRAL, "SAD", Emotion.SAD);
    private static final Map<String, Emotion> TESS_WORDS = Map.of("angry", Emotion.ANGRY, "disgust", Emotion.DISGUST, "fear", Emotion.FEAR,
            "happy", Emotion.HAPPY, "neutral", Emotion.NEUTRAL, "ps", Emotion.SURPRISE, "sad", Emotion.SAD);
    private static final Map<String, Emotion> SAVEE_CODES = Map.of("a", Emotion.ANGRY, "d", Emotion.DISGUST, "f", Emotion.FEAR,
            "h", Emotion.HAPPY, "n", Emotion.NEUTRAL, "sa", Emotion.SAD, "su", Emotion.SURPRISE);

    /**
     * Parses the labels of {@code source}, a file's path relative to the corpus folder with
     * {@code /} separators.
     *
     * @throws IllegalArgumentException naming the file, the rule and what was found, when the
     *     name does not follow this corpus's rule
     */
    public Parsed parse(String source) {
        int slash = source.lastIndexOf('/');
        String name = source.substring(slash + 1);
        String parent = slash < 0 ? "" : source.substring(source.lastIndexOf('/', slash - 1) + 1, slash);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        switch (this) {
            case RAVDESS: {
                Matcher m = RAVDESS_NAME.matcher(stem);
                if (!m.matches()) {
                    throw bad(name, "MM-CC-EE-II-SS-RR-AA.wav, seven 2-digit fields (e.g. 03-01-06-01-02-01-12.wav)");
                }
                int code = Integer.parseInt(m.group(3));
                if (code < 1 || code > 8) {
                    throw bad(name, "emotion field EE (3rd) in 01..08, found " + m.group(3));
                }
                return new Parsed(id() + ":" + m.group(7), RAVDESS_CODES[code - 1]);
            }
            case CREMA: {
                Matcher m = CREMA_NAME.matcher(stem);
                if (!m.matches()) {
                    throw bad(name, "AAAA_SSS_EEE_LL.wav (e.g. 1001_DFA_ANG_XX.wav)");
                }
                Emotion e = CREMA_CODES.get(m.group(3).toUpperCase(Locale.ROOT));
                if (e == null) {
                    throw bad(name, "emotion EEE one of ANG, DIS, FEA, HAP, NEU, SAD, found " + m.group(3));
                }
                return new Parsed(id() + ":" + m.group(1), e);
            }
            case TESS: {
                Matcher m = TESS_NAME.matcher(stem);
                if (!m.matches()) {
                    throw bad(name, "SPEAKER_word_emotion.wav (e.g. OAF_back_angry.wav)");
                }
                String speaker = m.group(1).toUpperCase(Locale.ROOT);
                if (!speaker.equals("OAF") && !speaker.equals("YAF")) {
                    throw bad(name, "speaker OAF or YAF first, found " + m.group(1));
                }
                Emotion e = TESS_WORDS.get(m.group(3).toLowerCase(Locale.ROOT));
                if (e == null) {
                    throw bad(name, "emotion last, one of angry, disgust, fear, happy, neutral, ps, sad, found " + m.group(3));
                }
                return new Parsed(id() + ":" + speaker, e);
            }
            case SAVEE: {
                Matcher flat = SAVEE_FLAT.matcher(stem);
                if (flat.matches()) {
                    return new Parsed(id() + ":" + flat.group(1).toUpperCase(Locale.ROOT),
                            SAVEE_CODES.get(flat.group(2).toLowerCase(Locale.ROOT)));
                }
                Matcher code = SAVEE_CODE.matcher(stem);
                if (code.matches() && parent.length() == 2 && parent.chars().allMatch(Character::isLetter)) {
                    return new Parsed(id() + ":" + parent.toUpperCase(Locale.ROOT), SAVEE_CODES.get(code.group(1).toLowerCase(Locale.ROOT)));
                }
                throw bad(name, "DC_a01.wav, or a01.wav in a 2-letter speaker folder (DC/a01.wav); codes a, d, f, h, n, sa, su");
            }
            default:
                throw new IllegalStateException(this.name());
        }
    }

    private IllegalArgumentException bad(String name, String rule) {
        return new IllegalArgumentException("file name " + name + " does not follow the " + name() + " rule: expected " + rule);
    }

    /** The corpus named {@code id} ({@code ravdess}, {@code crema}, {@code tess}, {@code savee}; case ignored). */
    public static Corpus parseId(String id) {
        for (Corpus c : values()) {
            if (c.id().equalsIgnoreCase(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("corpus=" + id + " must be one of ravdess, crema, tess, savee");
    }
}
