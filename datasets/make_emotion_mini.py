"""emotion-mini: espeak-ng speech filed under the RAVDESS, CREMA-D, TESS and SAVEE conventions.

Each corpus keeps its real file names, folder layout and audio format (see datasets/README.md):
  RAVDESS/Actor_01/03-01-05-01-02-01-01.wav   48 kHz 16-bit mono, with the `FLLR` padding chunk
                                              the real files carry before `data`; odd actor = male
  CREMA-D/AudioWAV/1001_DFA_ANG_XX.wav        16 kHz mono; plus one header-only clip with no audio,
                                              like the real 1076_MTI_SAD_XX.wav
  TESS/TESS Toronto emotional speech set data/OAF_Fear/OAF_back_fear.wav
                                              24,414 Hz mono; the folder names' mixed case as in the
                                              common download (OAF_Pleasant_surprise, YAF_pleasant_surprised)
  SAVEE/AudioData/DC/a01.wav                  44.1 kHz mono, speaker folders, sa/su before a
Emotions are acted by espeak-ng through pitch, speed and loudness per emotion and a voice per
speaker; every choice is a fixed table, so builds are deterministic.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import espeak_wav, main_guard, parallel, run, sox_convert, wav_chunks, write_wav_chunks  # noqa: E402

# emotion -> (pitch offset, speed factor, amplitude)
STYLE = {
    "neutral": (0, 1.00, 100), "calm": (-5, 0.85, 80), "happy": (18, 1.10, 125), "sad": (-15, 0.72, 70),
    "angry": (-8, 1.22, 175), "fear": (22, 1.30, 90), "disgust": (-12, 0.82, 105), "surprise": (28, 1.05, 135),
}


def speak(text, voice, pitch, speed, emotion):
    dp, sf, amp = STYLE[emotion]
    return espeak_wav(text, voice, max(0, min(99, pitch + dp)), int(speed * sf), amp)


# ---- RAVDESS: modality 03 (audio), channel 01 (speech), emotion, intensity, statement, repetition, actor
RAVDESS_EMOTIONS = ["neutral", "calm", "happy", "sad", "angry", "fear", "disgust", "surprise"]   # codes 01..08
RAVDESS_STATEMENTS = ["Kids are talking by the door", "Dogs are sitting by the door"]            # 01, 02
RAVDESS_ACTORS = {1: ("en-us+m3", 40, 160), 2: ("en-us+f2", 62, 165)}                             # odd = male


def ravdess_jobs(root):
    jobs = []
    for actor, (voice, pitch, speed) in RAVDESS_ACTORS.items():
        folder = os.path.join(root, "Actor_%02d" % actor)
        for e, emotion in enumerate(RAVDESS_EMOTIONS, start=1):
            for s, text in enumerate(RAVDESS_STATEMENTS, start=1):
                intensity = 1 if emotion == "neutral" else 1 + (s - 1)   # neutral has no strong intensity
                name = "03-01-%02d-%02d-%02d-01-%02d.wav" % (e, intensity, s, actor)
                jobs.append(("ravdess", os.path.join(folder, name), text, voice, pitch, speed, emotion))
    return jobs


def write_ravdess(path, wav):
    sox_convert(wav, path, 48000)
    with open(path, "rb") as f:
        chunks = wav_chunks(f.read())
    fmt = [c for c in chunks if c[0] == b"fmt "]
    data = [c for c in chunks if c[0] == b"data"]
    # RAVDESS's files put a padding chunk before the samples so that `data` starts at byte 4096
    write_wav_chunks(path, fmt + [(b"FLLR", bytes(4096 - 12 - 8 - 16 - 8 - 8))] + data)


# ---- CREMA-D: actor_sentence_emotion_level
CREMA_EMOTIONS = {"ANG": "angry", "DIS": "disgust", "FEA": "fear", "HAP": "happy", "NEU": "neutral", "SAD": "sad"}
CREMA_SENTENCES = {"DFA": "Don't forget a jacket", "IEO": "It's eleven o'clock", "TIE": "That is exactly what happened"}
CREMA_ACTORS = {1001: ("en-us+m1", 38, 150), 1002: ("en-us+f3", 64, 158), 1003: ("en-gb+m5", 45, 170)}


def crema_jobs(root):
    jobs = []
    folder = os.path.join(root, "AudioWAV")
    for a, (actor, (voice, pitch, speed)) in enumerate(CREMA_ACTORS.items()):
        for code, emotion in CREMA_EMOTIONS.items():
            for s, (sentence, text) in enumerate(CREMA_SENTENCES.items()):
                if (a + s) % 3 == 2:
                    continue   # two sentences per actor and emotion
                level = "XX" if sentence != "IEO" else ("MD" if emotion == "neutral" else "HI")
                name = "%d_%s_%s_%s.wav" % (actor, sentence, code, level)
                jobs.append(("crema", os.path.join(folder, name), text, voice, pitch, speed, emotion))
    return jobs


# ---- TESS: "Say the word ..." by an older (OAF) and a younger (YAF) speaker; folders per speaker+emotion
TESS_FOLDERS = {  # (speaker, emotion) -> folder name in the common download
    ("OAF", "angry"): "OAF_angry", ("OAF", "disgust"): "OAF_disgust", ("OAF", "fear"): "OAF_Fear",
    ("OAF", "happy"): "OAF_happy", ("OAF", "neutral"): "OAF_neutral", ("OAF", "ps"): "OAF_Pleasant_surprise",
    ("OAF", "sad"): "OAF_Sad", ("YAF", "angry"): "YAF_angry", ("YAF", "disgust"): "YAF_disgust",
    ("YAF", "fear"): "YAF_fear", ("YAF", "happy"): "YAF_happy", ("YAF", "neutral"): "YAF_neutral",
    ("YAF", "ps"): "YAF_pleasant_surprised", ("YAF", "sad"): "YAF_sad",
}
TESS_WORDS = ["back", "bar", "base"]
TESS_SPEAKERS = {"OAF": ("en-us+f1", 48, 140), "YAF": ("en-us+f4", 68, 160)}
TESS_EMOTION = {"angry": "angry", "disgust": "disgust", "fear": "fear", "happy": "happy", "neutral": "neutral",
                "ps": "surprise", "sad": "sad"}


def tess_jobs(root):
    jobs = []
    top = os.path.join(root, "TESS Toronto emotional speech set data")
    for (speaker, code), folder in TESS_FOLDERS.items():
        voice, pitch, speed = TESS_SPEAKERS[speaker]
        for word in TESS_WORDS:
            name = "%s_%s_%s.wav" % (speaker, word, code)
            jobs.append(("tess", os.path.join(top, folder, name), "Say the word " + word, voice, pitch, speed,
                         TESS_EMOTION[code]))
    return jobs


# ---- SAVEE: speaker folders of a01.wav ... (a, d, f, h, n, sa, su)
SAVEE_CODES = {"a": "angry", "d": "disgust", "f": "fear", "h": "happy", "n": "neutral", "sa": "sad", "su": "surprise"}
SAVEE_SENTENCES = ["She had your dark suit in greasy wash water all year",
                   "Don't ask me to carry an oily rag like that",
                   "Will you tell me why"]
SAVEE_SPEAKERS = {"DC": ("en-gb+m2", 42, 155), "JE": ("en-gb+m6", 50, 165)}


def savee_jobs(root):
    jobs = []
    for speaker, (voice, pitch, speed) in SAVEE_SPEAKERS.items():
        for code, emotion in SAVEE_CODES.items():
            for i, text in enumerate(SAVEE_SENTENCES[:2], start=1):
                name = "%s%02d.wav" % (code, i)
                jobs.append(("savee", os.path.join(root, "AudioData", speaker, name), text, voice, pitch, speed, emotion))
    return jobs


RATES = {"crema": 16000, "tess": 24414, "savee": 44100}


def make(job):
    corpus, path, text, voice, pitch, speed, emotion = job
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wav = speak(text, voice, pitch, speed, emotion)
    if corpus == "ravdess":
        write_ravdess(path, wav)
    else:
        sox_convert(wav, path, RATES[corpus])


def build(out):
    jobs = (ravdess_jobs(os.path.join(out, "RAVDESS")) + crema_jobs(os.path.join(out, "CREMA-D"))
            + tess_jobs(os.path.join(out, "TESS")) + savee_jobs(os.path.join(out, "SAVEE")))
    parallel(make, jobs)
    # CREMA-D's known empty clip: a valid WAV header with no samples
    write_wav_chunks(os.path.join(out, "CREMA-D", "AudioWAV", "1076_MTI_SAD_XX.wav"),
                     [(b"fmt ", bytes.fromhex("0100 0100 803e0000 007d0000 0200 1000".replace(" ", ""))), (b"data", b"")])


if __name__ == "__main__":
    main_guard(build)
