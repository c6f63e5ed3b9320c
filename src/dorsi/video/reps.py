"""Repetitions and heel-lift episodes found in cleaned series. Pure numpy/scipy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Series = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

# A rep must go down by at least this share of a shank length (about 8 cm for an adult): less
# is a sway or a weight shift, not a squat.
MIN_SQUAT_DEPTH = 0.2
# Knee-to-wall reps are found from the tibia angle: a drive of 8° or more towards the wall.
MIN_LUNGE_DRIVE_DEG = 8.0
# Two reps closer than this are one rep with a wobble at the bottom.
MIN_REP_GAP_S = 0.8
# A rep starts/ends where the movement has come back to within this share of its excursion.
BOUNDARY_SHARE = 0.1

# Heel lift, in shank lengths (0.08 is about 3.5 cm for an adult), confirmed by both the heel
# and the ankle rising over the toe (measure.foot_heel_lift). Tuned on the synthetic athletes
# (tests/video/eval) and on the flat-heel bottoms of the development clips dev01, dev03 and dev05,
# where the pose model's heel landmark rises about 0.06 with the heel flat. Hysteresis keeps one
# lift from flickering into several.
HEEL_LIFT_ON = 0.08
HEEL_LIFT_OFF = 0.056
MIN_LIFT_S = 0.15
# Once a lift is certain, its start is traced back to where the heel left this lower level, so
# the onset (and the tibia angle reported at onset) is not late by the height of the threshold.
HEEL_LIFT_START = 0.025


@dataclass(frozen=True)
class RepSpan:
    start: int
    bottom: int  # frame of the largest excursion
    end: int  # inclusive


def find_reps(excursion: Series, fps: float, min_excursion: float) -> list[RepSpan]:
    """Reps are peaks of ``excursion`` (0 at rest, growing as the athlete goes down/forward)."""
    from scipy.signal import find_peaks  # imported lazily: see filtering.preload

    signal = _fill_for_peaks(excursion)
    if signal.size == 0:
        return []
    peaks, _ = find_peaks(
        signal, prominence=min_excursion, distance=max(1, round(MIN_REP_GAP_S * fps))
    )
    peaks = [int(p) for p in peaks if signal[p] >= min_excursion]
    spans: list[RepSpan] = []
    for i, peak in enumerate(peaks):
        lo = spans[-1].end if spans else 0
        hi = peaks[i + 1] if i + 1 < len(peaks) else signal.size - 1
        spans.append(_span_around(signal, peak, lo, hi))
    return spans


# A squat rep reaches depth: the hip comes down to within this many shank lengths above the
# knee (standing it is about one thigh, roughly a shank, above). Walking in or out of the
# picture, or a bob at the top, never gets there.
DEPTH_HIP_ABOVE_KNEE = 0.6
# ... and comes back up: after the bottom it rises at least this share of the way it went down.
RETURN_SHARE = 0.5


def to_depth(spans: list[RepSpan], hip_above_knee: Series, excursion: Series) -> list[RepSpan]:
    """The spans that are squat reps: down to depth at the bottom and back up after it."""
    signal = _fill_for_peaks(excursion)
    kept = []
    for span in spans:
        hip = hip_above_knee[span.start : span.end + 1]
        hip = hip[np.isfinite(hip)]
        if hip.size == 0 or float(np.min(hip)) > DEPTH_HIP_ABOVE_KNEE:
            continue
        bottom = float(signal[span.bottom])
        descent = bottom - float(np.min(signal[span.start : span.bottom + 1]))
        rise = bottom - float(np.min(signal[span.bottom : span.end + 1]))
        if rise < RETURN_SHARE * descent:
            continue
        kept.append(span)
    return kept


def _span_around(signal: Series, peak: int, lo: int, hi: int) -> RepSpan:
    left_base = float(np.min(signal[lo : peak + 1]))
    right_base = float(np.min(signal[peak : hi + 1]))
    left_level = left_base + BOUNDARY_SHARE * (signal[peak] - left_base)
    right_level = right_base + BOUNDARY_SHARE * (signal[peak] - right_base)
    start = peak
    while start > lo and signal[start - 1] > left_level:
        start -= 1
    end = peak
    while end < hi and signal[end + 1] > right_level:
        end += 1
    return RepSpan(start=max(lo, start - 1), bottom=peak, end=min(hi, end + 1))


def _fill_for_peaks(values: Series) -> Series:
    """Peak finding needs finite data: bridge gaps linearly and hold the ends."""
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros(0)
    index = np.arange(values.size)
    return np.interp(index, index[finite], values[finite])


def heel_lifted(lift: Series, fps: float, onset: Series | None = None) -> Mask:
    """Frames with the heel clearly off the floor (hysteresis, short blips dropped).

    ``onset`` (default ``lift``) is the more sensitive signal a certain lift is traced back on.
    """
    trace = lift if onset is None else onset
    lifted = np.zeros(lift.size, dtype=bool)
    state = False
    for i, value in enumerate(lift):
        if not np.isfinite(value):
            lifted[i] = state
            continue
        state = value > HEEL_LIFT_ON if not state else value > HEEL_LIFT_OFF
        lifted[i] = state
    lifted = _drop_short_runs(lifted, max(1, round(MIN_LIFT_S * fps)))
    for start, stop in runs(lifted):
        i = start
        while i > 0 and not lifted[i - 1] and trace[i - 1] > HEEL_LIFT_START:
            i -= 1
        lifted[i:start] = True
        j = stop  # and the heel is down again only once it is back below that level
        while j < lifted.size and not lifted[j] and trace[j] > HEEL_LIFT_START:
            j += 1
        lifted[stop:j] = True
    return lifted


def _drop_short_runs(mask: Mask, min_len: int) -> Mask:
    out = mask.copy()
    for start, stop in runs(mask):
        if stop - start < min_len:
            out[start:stop] = False
    return out


def runs(mask: Mask) -> list[tuple[int, int]]:
    """Start and stop (exclusive) of each run of True."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(
        zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True)
    )
