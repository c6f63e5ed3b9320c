"""URLs of sharing with a coach (the athlete's side) and of the coach's workspace. A coach's
URL about an athlete answers only while that athlete shares with that coach (else 404)."""

from django.urls import path

from dorsi.web.views import coach, coach_client, coach_files

CLIENT = "coach/clients/<int:client_id>/"

urlpatterns = [
    # The athlete's side, and the role switch
    path("sharing/", coach.sharing, name="sharing"),
    path("sharing/code/", coach.sharing_code, name="sharing_code"),
    path("sharing/accept/", coach.sharing_accept, name="sharing_accept"),
    path("sharing/<int:link_id>/notes/", coach.sharing_notes, name="sharing_notes"),
    path("join/<str:code>/", coach.join, name="join"),
    path("accounts/role/", coach.role_switch, name="role_switch"),
    # The coach's home, invitations both ways
    path("coach/", coach.coach_home, name="coach_home"),
    path("coach/invite/", coach.coach_invite, name="coach_invite"),
    path("coach/accept/", coach.coach_accept, name="coach_accept"),
    path("coach/links/<int:link_id>/revoke/", coach.link_revoke, name="coach_revoke"),
    # One athlete
    path(CLIENT, coach_client.client_overview_view, name="coach_client"),
    path(CLIENT + "sessions/", coach_client.client_sessions, name="coach_client_sessions"),
    path(
        CLIENT + "assessments/<int:assessment_id>/",
        coach_client.client_assessment,
        name="coach_client_assessment",
    ),
    path(CLIENT + "plan/", coach_client.client_plan, name="coach_client_plan"),
    path(CLIENT + "plan/edits/", coach_client.client_plan_edit, name="coach_client_plan_edit"),
    path(
        CLIENT + "plan/edits/<int:edit_id>/revert/",
        coach_client.client_plan_revert,
        name="coach_client_plan_revert",
    ),
    path(CLIENT + "days/<str:when>/", coach_client.client_day, name="coach_client_day"),
    path(CLIENT + "retest/", coach_client.client_retest, name="coach_client_retest"),
    path(CLIENT + "notes/", coach_client.client_notes, name="coach_client_notes"),
    # Files and downloads
    path(CLIENT + "videos/", coach_files.client_videos, name="coach_client_videos"),
    path(
        CLIENT + "videos/compare/",
        coach_files.client_video_compare,
        name="coach_client_video_compare",
    ),
    path(
        CLIENT + "videos/compare/<int:before_id>/<int:after_id>/compare.png",
        coach_files.client_video_compare_png,
        name="coach_client_video_compare_png",
    ),
    path(
        CLIENT + "videos/<int:analysis_id>/",
        coach_files.client_video,
        name="coach_client_video",
    ),
    path(
        CLIENT + "videos/<int:analysis_id>/files/<str:name>",
        coach_files.client_video_file,
        name="coach_client_video_file",
    ),
    path(CLIENT + "handout/", coach_files.client_handout_view, name="coach_client_handout"),
    path(
        CLIENT + "handout.pdf",
        coach_files.client_handout_pdf_view,
        name="coach_client_handout_pdf",
    ),
    path(
        CLIENT + "export.json",
        coach_files.client_export_json_view,
        name="coach_client_export_json",
    ),
    path(
        CLIENT + "export-csv.zip",
        coach_files.client_export_csv_view,
        name="coach_client_export_csv",
    ),
    path(CLIENT + "fhir.json", coach_files.client_fhir_view, name="coach_client_fhir"),
]
