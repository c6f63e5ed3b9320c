"""URLs of the Dorsi web app. Object URLs carry ids that are always looked up within the
logged-in user's rows, so another user's id is a 404."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from dorsi.web.api import api
from dorsi.web.views import (
    accounts,
    assessment,
    data,
    library,
    measure,
    plan,
    progress,
    pwa,
    videos,
)

urlpatterns = [
    path("", plan.landing_or_home, name="home"),
    path("api/", api.urls),
    # Installable and offline (the worker's scope is the whole site)
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    # Accounts
    path("accounts/signup/", accounts.signup, name="signup"),
    path(
        "accounts/login/",
        accounts.LoginView.as_view(),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/reset/",
        accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/delete/", accounts.account_delete, name="account_delete"),
    # Assessment
    path("assessment/new/", assessment.assessment_start, name="assessment_start"),
    path("assessment/new/<slug:step>/", assessment.assessment_step, name="assessment_step"),
    path("assessments/", assessment.assessment_index, name="assessment_list"),
    path(
        "assessments/<int:assessment_id>/", assessment.assessment_detail, name="assessment_detail"
    ),
    path(
        "assessments/<int:assessment_id>/cleared/",
        assessment.assessment_clear,
        name="assessment_clear",
    ),
    path("measure/lunge-angle/", measure.lunge_angle, name="lunge_angle"),
    # Plan and sessions
    path("plan/", plan.plan_view, name="plan"),
    path("plan/build/", plan.plan_build, name="plan_build"),
    path("plan/mode/", plan.plan_mode, name="plan_mode"),
    path("session/<str:when>/", plan.session_view, name="session"),
    # Progress
    path("retest/", progress.retest, name="retest"),
    path("retests/<int:retest_id>/delete/", progress.retest_remove, name="retest_delete"),
    path("progress/", progress.progress, name="progress"),
    # Video analysis (files only through these views: owner only, Range support)
    path("videos/", videos.video_list, name="video_list"),
    path("videos/compare/", videos.video_compare_view, name="video_compare"),
    path(
        "videos/compare/<int:before_id>/<int:after_id>/compare.png",
        videos.video_compare_png,
        name="video_compare_png",
    ),
    path("videos/<int:analysis_id>/", videos.video_detail, name="video_detail"),
    path("videos/<int:analysis_id>/status/", videos.video_status, name="video_status"),
    path("videos/<int:analysis_id>/analysis.json", videos.video_json, name="video_json"),
    path("videos/<int:analysis_id>/files/<str:name>", videos.video_file, name="video_file"),
    path("videos/<int:analysis_id>/delete/", videos.video_delete, name="video_delete"),
    path("videos/<int:analysis_id>/retest/", videos.video_retest, name="video_retest"),
    # Library
    path("exercises/", library.exercise_list, name="exercise_list"),
    path("exercises/<slug:exercise_id>/", library.exercise_detail, name="exercise_detail"),
    path("tests/<slug:test_id>/", library.test_detail, name="test_detail"),
    path("sources/", library.sources, name="sources"),
    # Data and calendar
    path("data/", data.data, name="data"),
    path("data/exports/", data.export_start, name="export_start"),
    path("data/exports/<int:export_id>/", data.export_status, name="export_status"),
    path("data/exports/<int:export_id>/download/", data.export_download, name="export_download"),
    path("calendar/", data.calendar_feed, name="calendar_feed"),
    path("calendar/<str:token>.ics", data.calendar_ics_view, name="calendar_ics"),
    # Coaches and physiotherapists, and sharing with them (dorsi.web.urls_coach)
    path("", include("dorsi.web.urls_coach")),
]
