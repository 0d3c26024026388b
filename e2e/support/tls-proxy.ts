import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A TLS-terminating reverse proxy like the one in front of a real deployment: https on
 * its own port with a certificate for `localhost` made at start (openssl), forwarding to
 * the app over http and appending the client's address to X-Forwarded-For, with
 * X-Forwarded-Proto/Host/Port saying how the client reached it. Listens before the app
 * starts, so the app's AUTH_URL can name it; `forwardTo` sets the app later. With
 * `proxy.forwardedProto = false` it behaves like nginx's default proxy_pass, which sends
 * no X-Forwarded-Proto.
 */
export async function startTlsProxy() {
  const dir = mkdtempSync(path.join(tmpdir(), "tillit-tls-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"].concat([
      "-addext",
      "subjectAltName=DNS:localhost",
      "-keyout",
      key,
      "-out",
      cert,
    ]),
    { stdio: "ignore" },
  );
  let target: URL | null = null;
  const settings = { forwardedProto: true };
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          "x-forwarded-for": forwardedFor,
          ...(settings.forwardedProto
            ? { "x-forwarded-proto": "https", "x-forwarded-host": req.headers.host, "x-forwarded-port": String(port) }
            : {}),
        },
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.rawHeaders);
        response.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://localhost:${port}`,
    get forwardedProto() {
      return settings.forwardedProto;
    },
    set forwardedProto(value: boolean) {
      settings.forwardedProto = value;
    },
    forwardTo(appUrl: string) {
      target = new URL(appUrl);
      // The app listens on 127.0.0.1; "localhost" may resolve to ::1 first.
      target.hostname = "127.0.0.1";
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
