"""A person at a browser, reduced to HTTP: follows Sesame's own redirects, fills in the login and
consent forms (with their CSRF fields), and stops when Sesame sends the browser elsewhere."""
import html
import re
from urllib.parse import urljoin, urlparse

import requests

from conftest import PASSWORD, USERNAME, csrf_from

FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"')
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


class Browser:
    def __init__(self, server):
        self.server = server
        self.session = requests.Session()

    def _is_ours(self, url: str) -> bool:
        return url.startswith(self.server.base)

    def go(self, url: str, data=None) -> requests.Response:
        """GET (or POST when data is given) and follow redirects that stay on Sesame."""
        response = self.session.post(url, data=data, allow_redirects=False) if data is not None \
            else self.session.get(url, allow_redirects=False)
        while response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if not self._is_ours(target):
                return response
            response = self.session.get(target, allow_redirects=False)
        return response

    def submit(self, page: requests.Response, fields: dict) -> requests.Response:
        """Submits the first POST form on `page` with its CSRF token and `fields`."""
        action = FORM_ACTION.search(page.text)
        assert action, "no POST form on " + page.url + ":\n" + page.text[:1500]
        form = page.text[action.start():]
        form = form[:form.find("</form>")]
        # Like a browser: every hidden field of the form (CSRF token, next, …), then what the user typed.
        data = {name: html.unescape(value) for name, value in HIDDEN_INPUT.findall(form)}
        assert data.get("csrf") == csrf_from(page.text)
        data.update(fields)
        return self.go(urljoin(page.url, html.unescape(action.group(1))), data=data)

    def authorize(self, authorization_url: str, approve: bool = True) -> requests.Response:
        """Walks an authorization request through login and consent; returns Sesame's final answer
        (a redirect to the client, or a page such as the out-of-band code)."""
        page = self.go(authorization_url)
        if page.status_code == 200 and 'name="password"' in page.text:
            page = self.submit(page, {"username": USERNAME, "password": PASSWORD})
        if page.status_code == 200 and 'value="approve"' in page.text:
            page = self.submit(page, {"action": "approve" if approve else "deny"})
        return page


def redirect_parameters(response: requests.Response) -> dict:
    """The query parameters of a redirect to the client."""
    from urllib.parse import parse_qs
    assert response.is_redirect, f"expected a redirect, got {response.status_code}: {response.text[:500]}"
    query = urlparse(response.headers["Location"]).query
    return {k: v[0] for k, v in parse_qs(query).items()}
