from django.urls import path

from news import downloads, feeds, views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("download.csv", downloads.ARTICLE_DOWNLOADS.csv, name="article-download-csv"),
    path("download.xlsx", downloads.ARTICLE_DOWNLOADS.xlsx, name="article-download-xlsx"),
    path("feed/rss/", feeds.LatestArticlesRss(), name="feed-rss"),
    path("feed/atom/", feeds.LatestArticlesAtom(), name="feed-atom"),
    path("feed/<slug:code>/rss/", feeds.FocusAreaArticlesRss(), name="focus-area-feed-rss"),
    path("feed/<slug:code>/atom/", feeds.FocusAreaArticlesAtom(), name="focus-area-feed-atom"),
    path("<slug:slug>/", views.article_detail, name="article-detail"),
]
