"""Series cleaning: outliers, gaps and the zero-phase filter."""

from __future__ import annotations

import numpy as np
import pytest

from dorsi.video import filtering

FPS = 30.0


def test_short_gaps_are_bridged_and_long_gaps_kept() -> None:
    values = np.arange(20, dtype=float)
    values[3:5] = np.nan
    values[10:18] = np.nan
    filled = filtering.fill_gaps(values, max_gap=3)
    assert filled[3:5] == pytest.approx([3.0, 4.0])
    assert np.isnan(filled[10:18]).all()


def test_a_single_wild_point_is_rejected_but_a_fast_ramp_is_kept() -> None:
    ramp = np.linspace(0.0, 60.0, 61)
    ramp[30] += 40.0
    cleaned = filtering.reject_outliers(ramp, window=9)
    assert np.isnan(cleaned[30])
    assert np.isfinite(np.delete(cleaned, 30)).all()


def test_lowpass_keeps_a_slow_movement_in_place_and_removes_jitter() -> None:
    t = np.arange(0, 4, 1 / FPS)
    slow = 20 * np.sin(2 * np.pi * 0.5 * t)
    jitter = 2 * np.sin(2 * np.pi * 13 * t)
    smoothed = filtering.lowpass(slow + jitter, FPS, cutoff_hz=6.0)
    assert np.max(np.abs(smoothed - slow)[10:-10]) < 0.3
    # zero phase: the peak stays on its frame
    assert np.argmax(smoothed) == np.argmax(slow)


def test_lowpass_runs_on_each_stretch_of_data_separately() -> None:
    values = np.ones(60)
    values[20:25] = np.nan
    out = filtering.lowpass(values, FPS)
    assert np.isnan(out[20:25]).all()
    assert out[:20] == pytest.approx(1.0)
    assert out[25:] == pytest.approx(1.0)


def test_clean_survives_a_series_with_nothing_in_it() -> None:
    assert np.isnan(filtering.clean(np.full(40, np.nan), FPS)).all()


def test_low_frame_rates_keep_the_cutoff_below_nyquist() -> None:
    out = filtering.lowpass(np.linspace(0, 1, 30), fps=10.0, cutoff_hz=6.0)
    assert np.isfinite(out).all()
