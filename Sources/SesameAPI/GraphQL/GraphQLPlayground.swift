/// A small page for trying queries: a textarea, an optional access token, and the answer. No
/// external assets; the browser's cookie is sent, so a signed-in user can explore their own data.
enum GraphQLPlayground {
    static let html = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>Sesame GraphQL playground</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem; }
    textarea, pre, input { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; }
    textarea { height: 14rem; }
    pre { background: #f4f4f4; padding: 1rem; min-height: 8rem; white-space: pre-wrap; }
    </style>
    </head>
    <body>
    <h1>GraphQL playground</h1>
    <p>Queries run against <code>/graphql</code> as your browser session, or with the access token below
    (it needs the <code>urn:mas:graphql:*</code> scope).</p>
    <label>Access token (optional) <input id="token" type="password" autocomplete="off"></label>
    <label>Query <textarea id="query">query {
      viewer {
        __typename
        ... on User { id username createdAt }
      }
    }</textarea></label>
    <label>Variables (JSON) <input id="variables" value="{}"></label>
    <p><button id="run" type="button">Run</button></p>
    <pre id="result"></pre>
    <script>
    document.getElementById("run").addEventListener("click", async () => {
      const headers = { "Content-Type": "application/json" };
      const token = document.getElementById("token").value.trim();
      if (token) headers["Authorization"] = "Bearer " + token;
      let variables = {};
      try { variables = JSON.parse(document.getElementById("variables").value || "{}"); } catch (e) {
        document.getElementById("result").textContent = "Variables are not valid JSON"; return;
      }
      const response = await fetch("/graphql", { method: "POST", headers, credentials: "same-origin",
        body: JSON.stringify({ query: document.getElementById("query").value, variables }) });
      const text = await response.text();
      try { document.getElementById("result").textContent = JSON.stringify(JSON.parse(text), null, 2); }
      catch (e) { document.getElementById("result").textContent = text; }
    });
    </script>
    </body>
    </html>
    """
}
