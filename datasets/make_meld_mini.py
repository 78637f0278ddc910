"""meld-mini: a small tree shaped exactly like MELD.Raw (declare-lab/MELD), with espeak-ng speech.

What it reproduces (see DATA-NOTES.md and datasets/README.md):
  - train_sent_emo.csv, dev_sent_emo.csv, test_sent_emo.csv beside the clip folders, with MELD's
    11 columns in order, CRLF line ends, no BOM, minimal quoting (utterances with commas or quotes
    are quoted, quotes doubled), timestamps always quoted ("00:13:31,060") and about a quarter with
    a 1-digit hour ("0:13:40,766");
  - the old cp1252 punctuation stored as C1 control characters in some utterances (U+0092 for ’,
    U+0085 for …, U+0097 for —, U+0093/U+0094 for “ ”, U+0096 for –) and a U+00A0 in one Speaker;
  - a repeated `Sr No.` in train (rows are keyed by Dialogue_ID, Utterance_ID), gaps in
    Utterance_ID, and an absent dialogue id (like train's dialogue 60);
  - clips dia{D}_utt{U}.mp4 in MELD.Raw/train/train_splits, MELD.Raw/dev/dev_splits_complete and
    MELD.Raw/test/output_repeated_splits_test: H.264 video (a tiny coloured frame) with AAC audio
    at 48 kHz stereo;
  - the known kinds of bad file: a truncated clip ("moov atom not found", like train
    dia125_utt3.mp4), a CSV row whose clip is missing (like dev dia110_utt7.mp4), a clip with no
    audio stream, an AppleDouble `._` file (magic 0x00051607) and a stray clip with no CSV row
    (like test final_videos_testdia101_utt0.mp4; here a byte copy of test dia0_utt0).
Deterministic: the same espeak-ng/ffmpeg versions give byte-identical files (ffmpeg -bitexact,
one thread, no metadata).
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import espeak_wav, main_guard, parallel, run  # noqa: E402

# speaker -> (espeak-ng voice, base pitch, base speed, video colour)
SPEAKERS = {
    "Chandler": ("en-us+m3", 45, 165, "0x3050a0"),
    "Joey": ("en-us+m1", 35, 150, "0xa05030"),
    "Monica": ("en-us+f2", 60, 170, "0x30a050"),
    "Rachel": ("en-us+f4", 65, 160, "0xa0a030"),
    "Ross": ("en-gb+m4", 40, 175, "0x703090"),
    "Phoebe": ("en-us+f5", 70, 145, "0x309090"),
}
# emotion -> (pitch offset, speed factor, amplitude) on top of the speaker's voice
EMOTION_STYLE = {
    "neutral": (0, 1.00, 100), "joy": (15, 1.10, 120), "surprise": (25, 1.05, 130), "anger": (-10, 1.20, 170),
    "sadness": (-15, 0.75, 70), "disgust": (-12, 0.85, 100), "fear": (20, 1.30, 90),
}
SENTIMENT = {"neutral": "neutral", "joy": "positive", "surprise": "positive", "anger": "negative",
             "sadness": "negative", "disgust": "negative", "fear": "negative"}
C1 = {"'": "\u0092", "...": "\u0085", "--": "\u0097", "<<": "\u0093", ">>": "\u0094", "-": "\u0096"}

# split -> dialogues: (dialogue id, season, episode, [(utterance id, speaker, emotion, text)])
# Texts are written for this demo. `old=True` rows keep cp1252 controls, as MELD.Raw's CSVs do.
SCRIPT = {
    "train": [
        (0, 3, 7, [(0, "Monica", "neutral", "Okay, everybody, the coffee is ready."),
                   (1, "Joey", "joy", "Great, I was starving!"),
                   (2, "Chandler", "surprise", "Wait, you made coffee? Since when?"),
                   (3, "Monica", "anger", "Since always! I make it every single morning."),
                   (4, "Rachel", "neutral", "She does make it every morning.")]),
        (1, 3, 7, [(0, "Ross", "sadness", "I think I lost the museum keys again."),
                   (1, "Phoebe", "fear", "Oh no, what if somebody finds them?"),
                   (2, "Ross", "disgust", "And they're covered in something sticky."),
                   (4, "Phoebe", "neutral", "Let's retrace your steps."),          # Utterance_ID 3 absent
                   (5, "Ross", "joy", "Found them! They were in my pocket.")]),
        (2, 5, 12, [(0, "Rachel", "joy", "I got the job!"),
                    (1, "Monica", "surprise", "The one at the fashion house? Really?"),
                    (2, "Rachel", "joy", "Yes, I start on Monday."),
                    (3, "Chandler", "neutral", "So, who's buying dinner tonight?"),
                    (4, "Joey", "anger", "Not me, I paid last time!")]),
        (3, 5, 12, [(0, "Phoebe", "sadness", "My guitar string broke in the middle of the song."),
                    (1, "Joey", "neutral", "Can't you just play it with five strings?"),
                    (2, "Phoebe", "disgust", "That's like asking you to eat half a sandwich."),
                    (3, "Joey", "fear", "Don't even joke about that.")]),
        # dialogue 4 is absent, as train's dialogue 60 is in MELD
        (5, 8, 2, [(0, "Chandler", "anger", "Who moved my chair -- again?"),
                   (1, "Ross", "neutral", "I needed it for the kitchen."),
                   (2, "Chandler", "sadness", "That chair and I had something special..."),
                   (3, "Monica", "surprise", "You're talking about a chair?"),
                   (4, "Chandler", "neutral", "I'm talking about <<the>> chair."),
                   (5, "Rachel", "fear", "I think I just saw a mouse!"),
                   (6, "Joey", "disgust", "Ugh, not in the kitchen.")]),
    ],
    "dev": [
        (0, 4, 3, [(0, "Joey", "neutral", "How you doing?"),
                   (1, "Rachel", "joy", "I'm doing great, thanks for asking!"),
                   (2, "Joey", "surprise", "Wow, really? That's new."),
                   (3, "Rachel", "anger", "Hey! I'm usually great.")]),
        (1, 4, 3, [(0, "Ross", "neutral", "The dinosaur exhibit opens next week."),
                   (1, "Phoebe", "fear", "Are the dinosaurs going to be alive?"),
                   (2, "Ross", "sadness", "No, Phoebe, they're all extinct."),
                   (3, "Phoebe", "sadness", "That's the saddest thing I've heard today."),
                   (4, "Monica", "disgust", "Can we please not talk about this over lunch?")]),
    ],
    "test": [
        (0, 9, 1, [(0, "Monica", "joy", "The wedding cake is finally done!"),
                   (1, "Chandler", "surprise", "It's enormous! How do we carry it?"),
                   (2, "Monica", "neutral", "Carefully, and with four people."),
                   (3, "Joey", "joy", "I volunteer to taste it first.")]),
        (1, 9, 1, [(0, "Rachel", "anger", "Somebody ate my yogurt."),
                   (1, "Joey", "fear", "It wasn't me, I swear."),
                   (2, "Ross", "neutral", "It was labelled, Joey."),
                   (3, "Joey", "sadness", "I thought the label was a suggestion.")]),
        (2, 10, 4, [(0, "Phoebe", "neutral", "I wrote a new song about my cat."),
                    (1, "Chandler", "disgust", "Is it the one about the hairball?"),
                    (2, "Phoebe", "joy", "No, this one has a happy ending!"),
                    (3, "Ross", "surprise", "Your songs have endings?")]),
    ],
}
CLIP_DIRS = {"train": "train/train_splits", "dev": "dev/dev_splits_complete", "test": "test/output_repeated_splits_test"}
# the bad clips, by (split, dialogue, utterance)
TRUNCATED = ("train", 3, 2)      # cut after 2 KiB: no moov atom (train dia125_utt3.mp4 in MELD)
MISSING = ("dev", 1, 3)          # CSV row, no file (dev dia110_utt7.mp4 in MELD)
NO_AUDIO = ("test", 2, 1)        # video stream only
OLD_STYLE_ROWS = {("train", 0, 3), ("train", 1, 2), ("train", 5, 0), ("train", 5, 2), ("train", 5, 4),
                  ("dev", 1, 2), ("test", 1, 3), ("test", 2, 0)}   # cp1252 controls kept as in MELD.Raw
NBSP_SPEAKER = ("train", 2, 3)   # Speaker "Chandler\u00a0" ... MELD has one such value


def plain(text):
    """The text with this script's markers turned into the punctuation of MELD's current CSVs."""
    return (text.replace("<<", "\u201c").replace(">>", "\u201d").replace("--", "\u2014")
            .replace("...", "\u2026").replace("'", "\u2019"))


def old_style(text):
    """The text as MELD.Raw's old CSVs hold it: cp1252 bytes as C1 control characters."""
    for k in ("<<", ">>", "--", "..."):
        text = text.replace(k, C1[k])
    return text.replace("'", C1["'"])


def spoken(text):
    return text.replace("<<", "").replace(">>", "").replace("--", ",")


def quote(field):
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def stamp(seconds, one_digit_hour):
    ms = int(round(seconds * 1000))
    h, rem = divmod(ms, 3600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    hour = ("%d" if one_digit_hour else "%02d") % h
    return '"%s:%02d:%02d,%03d"' % (hour, m, s, ms)


def make_clip(job):
    path, text, speaker, emotion, with_audio = job
    voice, pitch, speed, colour = SPEAKERS[speaker]
    dp, sf, amp = EMOTION_STYLE[emotion]
    wav = espeak_wav(spoken(text), voice, max(0, min(99, pitch + dp)), int(speed * sf), amp)
    args = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-threads", "1",
            "-f", "lavfi", "-i", "color=c=%s:s=96x64:r=10" % colour]
    if with_audio:
        args += ["-f", "wav", "-i", "pipe:0", "-map", "0:v", "-map", "1:a", "-shortest",
                 "-c:a", "aac", "-b:a", "96k", "-ar", "48000", "-ac", "2"]
    else:
        args += ["-t", "1.5"]
    # moov at the end (ffmpeg's default), so a truncated copy has none, as MELD's corrupt clip
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "threads=1", "-pix_fmt", "yuv420p",
             "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", path]
    run(args, input=wav if with_audio else None)
    return len(wav[44:]) / 2 / 22050.0


def build(out):
    root = os.path.join(out, "MELD.Raw")
    jobs, rows_by_split = [], {}
    for split, dialogues in SCRIPT.items():
        clip_dir = os.path.join(root, CLIP_DIRS[split])
        os.makedirs(clip_dir)
        rows = []
        for dia, season, episode, utts in dialogues:
            for utt, speaker, emotion, text in utts:
                key = (split, dia, utt)
                rows.append((key, speaker, emotion, text, season, episode))
                if key == MISSING:
                    continue
                path = os.path.join(clip_dir, "dia%d_utt%d.mp4" % (dia, utt))
                jobs.append((path, text, speaker, emotion, key != NO_AUDIO))
        rows_by_split[split] = rows
    # a stray clip without a CSV row, as in MELD's test folder: a second copy of test dia0_utt0
    stray = os.path.join(root, CLIP_DIRS["test"], "final_videos_testdia0_utt0.mp4")
    jobs.append((stray, "The wedding cake is finally done!", "Monica", "joy", True))
    durations = dict(zip((j[0] for j in jobs), parallel(make_clip, jobs)))

    for split, rows in rows_by_split.items():
        lines = ["Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime"]
        clock = {}
        for n, (key, speaker, emotion, text, season, episode) in enumerate(rows):
            _, dia, utt = key
            path = os.path.join(root, CLIP_DIRS[split], "dia%d_utt%d.mp4" % (dia, utt))
            dur = durations.get(path, 2.0)
            start = clock.get((season, episode), 600.0 + 37.0 * dia + 3600.0 * (dia % 2))
            end = start + dur
            clock[(season, episode)] = end + 0.4
            sr_no = n + 1
            if split == "train" and key == ("train", 5, 1):
                sr_no = n    # repeats the previous row's Sr No., as 57 rows of MELD's train do
            utterance = old_style(text) if key in OLD_STYLE_ROWS else plain(text)
            spk = speaker + "\u00a0" if key == NBSP_SPEAKER else speaker
            one_digit = (n % 4 == 1)   # about a quarter of MELD's timestamps have a 1-digit hour
            lines.append(",".join([str(sr_no), quote(utterance), quote(spk), emotion, SENTIMENT[emotion], str(dia),
                                   str(utt), str(season), str(episode), stamp(start, one_digit), stamp(end, one_digit)]))
        with open(os.path.join(root, "%s_sent_emo.csv" % split), "wb") as f:
            f.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))

    # the truncated clip: the first 2 KiB of a valid one (no moov atom)
    split, dia, utt = TRUNCATED
    bad = os.path.join(root, CLIP_DIRS[split], "dia%d_utt%d.mp4" % (dia, utt))
    with open(bad, "rb") as f:
        head = f.read(2048)
    with open(bad, "wb") as f:
        f.write(head)
    # an AppleDouble resource file, as left by macOS archivers (magic 0x00051607, version 2)
    apple = struct.pack(">II16sH", 0x00051607, 0x00020000, b"Mac OS X        ", 2)
    apple += struct.pack(">III", 9, 50, 3760) + struct.pack(">III", 2, 3810, 286)
    apple = apple.ljust(4096, b"\0")
    with open(os.path.join(root, CLIP_DIRS["train"], "._dia0_utt0.mp4"), "wb") as f:
        f.write(apple)


if __name__ == "__main__":
    main_guard(build)
