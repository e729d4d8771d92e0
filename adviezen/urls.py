from django.urls import path

from . import views

app_name = "adviezen"

urlpatterns = [
    path("", views.AdviceListView.as_view(), name="list"),
    path("nieuw/", views.AdviceCreateView.as_view(), name="create"),
    path("<int:pk>/", views.AdviceDetailView.as_view(), name="detail"),
    path("<int:pk>/stap/", views.AdviceStepView.as_view(), name="step"),
    path("<int:pk>/intrekken/", views.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/versies/nieuw/", views.VersionCreateView.as_view(), name="version_create"),
    path("<int:pk>/versies/<int:number>/", views.VersionDetailView.as_view(), name="version"),
    path("<int:pk>/vergelijken/", views.VersionCompareView.as_view(), name="compare"),
    path("<int:pk>/stemming/nieuw/", views.BallotOpenView.as_view(), name="ballot_open"),
    path("<int:pk>/stemming/<int:bpk>/", views.BallotDetailView.as_view(), name="ballot"),
    path("<int:pk>/stemming/<int:bpk>/stem/", views.VoteView.as_view(), name="vote"),
    path("<int:pk>/stemming/<int:bpk>/handopsteking/", views.HandsView.as_view(), name="hands"),
    path(
        "<int:pk>/stemming/<int:bpk>/sluiten/",
        views.BallotCloseView.as_view(),
        name="ballot_close",
    ),
    path("<int:pk>/vaststellen/", views.ChairApproveView.as_view(), name="chair_approve"),
    path("<int:pk>/ondertekenen/", views.SignView.as_view(), name="sign"),
    path("<int:pk>/verzenden/", views.SendView.as_view(), name="send"),
    path("<int:pk>/publiceren/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/reactie/", views.ResponseView.as_view(), name="response"),
    path(
        "<int:pk>/reactie/document/", views.ResponseDocumentView.as_view(), name="response_document"
    ),
    path("<int:pk>/brief.pdf", views.LetterPreviewView.as_view(), name="letter"),
    path("<int:pk>/aanvraag/", views.RequestDocumentView.as_view(), name="request_document"),
    path("dossiers/", views.DossierListView.as_view(), name="dossier_list"),
    path("dossiers/nieuw/", views.DossierCreateView.as_view(), name="dossier_create"),
    path("dossiers/<int:pk>/", views.DossierDetailView.as_view(), name="dossier"),
    path(
        "dossiers/<int:pk>/<str:action>/", views.DossierActionView.as_view(), name="dossier_action"
    ),
    path("signalen/", views.SignalListView.as_view(), name="signal_list"),
    path("signalen/nieuw/", views.SignalCreateView.as_view(), name="signal_create"),
    path("signalen/<int:pk>/", views.SignalDetailView.as_view(), name="signal"),
]
