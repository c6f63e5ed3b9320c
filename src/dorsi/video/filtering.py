"""Cleaning of landmark series: outlier rejection, gap filling, zero-phase low-pass.

The order matters: outliers are removed first (a single wild landmark would otherwise be
smeared over neighbouring frames by the filter), short gaps are then bridged so the filter
sees continuous data, and the Butterworth filter runs forwards and backwards (filtfilt) so the
smoothed curve is not shifted in time: a heel-lift onset or a deepest point stays on its frame.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

Series = npt.NDArray[np.float64]

# Winter (Biomechanics and Motor Control of Human Movement) recommends 4–6 Hz for joint
# positions in everyday movement; squats and lunges have almost no content above 3 Hz, while
# pose-estimation jitter is broadband, so 6 Hz removes jitter without flattening fast reps.
DEFAULT_CUTOFF_HZ = 6.0
# Gaps up to a third of a second (a hand passing in front of the knee, a blurred frame) are
# bridged; longer ones stay missing rather than invent a movement that was not seen.
MAX_GAP_S = 0.34
# Hampel window of ~0.3 s and 3 scaled MADs: wide enough to outvote a few wild frames, narrow
# enough not to take a fast but real movement for an outlier.
HAMPEL_WINDOW_S = 0.3
HAMPEL_SIGMAS = 3.0
_MAD_TO_SD = 1.4826


def reject_outliers(values: Series, window: int, n_sigmas: float = HAMPEL_SIGMAS) -> Series:
    """Hampel filter: points far from their rolling median (in robust SDs) become NaN."""
    half = max(1, window // 2)
    padded = np.pad(values, half, mode="edge")
    windows = sliding_window_view(padded, 2 * half + 1)
    with warnings.catch_warnings():
        # nanmedian warns on all-NaN windows (nobody seen there): expected, they stay NaN.
        warnings.simplefilter("ignore", RuntimeWarning)
        median = np.nanmedian(windows, axis=1)
        mad = np.nanmedian(np.abs(windows - median[:, None]), axis=1) * _MAD_TO_SD
    # A floor on the spread: on a perfectly still stretch the MAD is ~0 and any jitter would
    # count as an outlier.
    spread = np.maximum(mad, np.nanmedian(mad) if np.isfinite(mad).any() else 0.0) + 1e-9
    cleaned = values.copy()
    with np.errstate(invalid="ignore"):
        cleaned[np.abs(values - median) > n_sigmas * spread] = np.nan
    return cleaned


def fill_gaps(values: Series, max_gap: int) -> Series:
    """Linear interpolation across NaN runs of at most ``max_gap`` frames; ends are not extended."""
    filled = values.copy()
    valid = np.flatnonzero(np.isfinite(values))
    if valid.size < 2:
        return filled
    for left, right in zip(valid[:-1], valid[1:], strict=True):
        gap = right - left - 1
        if 0 < gap <= max_gap:
            filled[left + 1 : right] = np.linspace(values[left], values[right], gap + 2)[1:-1]
    return filled


def lowpass(
    values: Series, fps: float, cutoff_hz: float = DEFAULT_CUTOFF_HZ, order: int = 4
) -> Series:
    """Zero-phase Butterworth low-pass, run separately on each stretch of valid data."""
    from scipy.signal import butter, filtfilt  # see preload

    # Keep the cut-off safely below Nyquist for low frame rates (e.g. 12 fps screen captures).
    cutoff = min(cutoff_hz, 0.4 * fps)
    b, a = butter(order, cutoff / (fps / 2.0))
    out = values.copy()
    for start, stop in _valid_runs(values):
        run = values[start:stop]
        padlen = min(3 * max(len(a), len(b)), run.size - 1)
        if padlen < 1:
            continue
        out[start:stop] = filtfilt(b, a, run, padlen=padlen)
    return out


def clean(values: Series, fps: float, cutoff_hz: float = DEFAULT_CUTOFF_HZ) -> Series:
    window = max(3, round(HAMPEL_WINDOW_S * fps) | 1)
    without_outliers = reject_outliers(values, window)
    bridged = fill_gaps(without_outliers, max_gap=max(1, round(MAX_GAP_S * fps)))
    return lowpass(bridged, fps, cutoff_hz)


def _valid_runs(values: Series) -> list[tuple[int, int]]:
    valid = np.isfinite(values).astype(np.int8)
    edges = np.diff(np.concatenate(([0], valid, [0])))
    starts = np.flatnonzero(edges == 1)
    stops = np.flatnonzero(edges == -1)
    return list(zip(starts.tolist(), stops.tolist(), strict=True))


def rolling_median(values: Series, window: int) -> Series:
    """Median of the finite values in a centred window of ``window`` frames (NaN stays NaN)."""
    half = max(0, window // 2)
    out = np.full(values.size, np.nan)
    for i in range(values.size):
        if not np.isfinite(values[i]):
            continue
        chunk = values[max(0, i - half) : i + half + 1]
        out[i] = float(np.median(chunk[np.isfinite(chunk)]))
    return out


def preload() -> None:
    """Import SciPy's signal module (0.4 s of single-threaded Python on this 2-core machine)
    ahead of its first use. It is imported lazily so that the pose pass, which does not need it,
    starts that much sooner; the pipeline calls this while a core is spare (see firstpass.track).
    """
    import scipy.signal  # noqa: F401
