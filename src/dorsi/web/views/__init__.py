"""Views: parse the request, call one service, render. No rule of the method lives here."""
