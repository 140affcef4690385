"""The tones a trainee hears, synthesised in pure Python as short WAV clips.

Each :class:`ipo_core.Tone` is a North American "precise" call-progress tone,
described as data in :data:`CADENCES` (frequencies and an on/off pattern) and
rendered once, on first use, to 8 kHz mono 16-bit WAV bytes that an ipywidgets
``Audio`` plays.  Nothing is downloaded and NumPy is not needed.

>>> import ipo_core as ipo
>>> wav = tone_wav(ipo.Tone.DIAL)
>>> wav[:4], wav[8:12]
(b'RIFF', b'WAVE')
>>> duration(ipo.Tone.BUSY)
2.0
"""

from __future__ import annotations

import io
import math
import struct
import wave
from dataclasses import dataclass
from functools import cache

import ipo_core as ipo

__all__ = ["CADENCES", "SAMPLE_RATE", "Cadence", "duration", "tone_wav"]

#: Samples per second of every clip (the telephone band needs no more).
SAMPLE_RATE = 8000
_PEAK = 0.7 * 32767  # headroom: two tones summed never clip
_RAMP = 0.005  # seconds of fade at each burst edge, so bursts do not click


@dataclass(frozen=True)
class Cadence:
    """One tone as heard: which frequencies, and when they sound."""

    frequencies: tuple[float, ...]
    """Hz; mixed together, or taken in turn when ``warble`` is set."""
    pattern: tuple[tuple[float, float], ...]
    """(seconds on, seconds off) bursts, played once in order."""
    warble: float = 0.0
    """Times a second the frequencies take turns (a ringer's warble); 0 mixes them."""

    @property
    def duration(self) -> float:
        """Seconds the clip lasts, silences included."""
        return sum(on + off for on, off in self.pattern)


#: Each tone the kit's phones play (US precise tones; ringing is the phone's own warble).
CADENCES: dict[ipo.Tone, Cadence] = {
    ipo.Tone.DIAL: Cadence((350, 440), ((1.5, 0.0),)),
    ipo.Tone.CONFIRMATION: Cadence((350, 440), ((0.1, 0.1),) * 3),
    ipo.Tone.BUSY: Cadence((480, 620), ((0.5, 0.5),) * 2),
    ipo.Tone.NUMBER_UNOBTAINABLE: Cadence((480, 620), ((0.25, 0.25),) * 4),
    ipo.Tone.RINGBACK: Cadence((440, 480), ((2.0, 4.0),)),
    ipo.Tone.RINGING: Cadence((440, 480), ((1.0, 0.5),) * 2, warble=16),
}


def duration(tone: ipo.Tone) -> float:
    """Seconds the clip of ``tone`` lasts."""
    return CADENCES[tone].duration


@cache
def tone_wav(tone: ipo.Tone) -> bytes:
    """``tone`` as a WAV file: 8 kHz, mono, 16-bit, one cadence long (made once, then reused)."""
    cadence = CADENCES[tone]
    samples: list[int] = []
    for on, off in cadence.pattern:
        samples += _burst(cadence, on)
        samples += [0] * round(off * SAMPLE_RATE)
    out = io.BytesIO()
    with wave.open(out, "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(SAMPLE_RATE)
        clip.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return out.getvalue()


def _burst(cadence: Cadence, seconds: float) -> list[int]:
    count = round(seconds * SAMPLE_RATE)
    ramp = max(1, round(_RAMP * SAMPLE_RATE))
    freqs = cadence.frequencies
    out = []
    phase = 0.0  # carried across warble switches, so the switch does not click
    for n in range(count):
        t = n / SAMPLE_RATE
        if cadence.warble:
            freq = freqs[int(t * cadence.warble) % len(freqs)]
            phase += 2 * math.pi * freq / SAMPLE_RATE
            value = math.sin(phase)
        else:
            value = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
        envelope = min(1.0, n / ramp, (count - 1 - n) / ramp)
        out.append(round(_PEAK * envelope * value))
    return out
