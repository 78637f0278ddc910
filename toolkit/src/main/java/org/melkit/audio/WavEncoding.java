package org.melkit.audio;

/** Sample encodings {@link Audio#writeWav(java.nio.file.Path, AudioClip, WavEncoding)} can write. */
public enum WavEncoding {
    /**
     * 16-bit signed PCM ({@code WAVE_FORMAT_PCM}): each sample is {@code x * 32768} rounded half
     * to even and clamped to [-32768, 32767], the inverse of librosa's 1/32768 read scaling, so
     * a clip loaded from a 16-bit WAV is written back bit for bit. Values at or beyond +-1 clip.
     */
    PCM_16,
    /** 32-bit IEEE float ({@code WAVE_FORMAT_IEEE_FLOAT}, with a {@code fact} chunk): lossless, values beyond +-1 kept. */
    FLOAT_32
}
