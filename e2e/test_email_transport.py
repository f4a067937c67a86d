"""Sesame's SMTP transport against a real SMTP server (aiosmtpd) on loopback: `sesame manage
send-test-email` sends through the configured `email` section, and the mail that arrives is read
back with Python's own mail parser, as a mail reader would."""
import email
import email.policy
import ssl
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import BINARY, free_port

SMTP_USER = "mailer"
SMTP_PASSWORD = "smtp-secret-password"


class Inbox:
    """aiosmtpd handler: keeps every accepted mail, refuses recipients at nobody.example.org."""

    def __init__(self):
        self.envelopes = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@nobody.example.org"):
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 2.0.0 accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
    # handled=False: aiosmtpd answers a failure with its own 535 reply.
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory) -> Path:
    """A CA and a certificate for localhost, made with the openssl command."""
    folder = tmp_path_factory.mktemp("smtp-tls")
    (folder / "server.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for command in (
        ["req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=e2e CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
        ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-out", "server.pem", "-days", "2", "-extfile", "server.ext"],
    ):
        subprocess.run(["openssl", *command], cwd=folder, check=True, capture_output=True)
    return folder


@pytest.fixture
def smtp_server(certificates):
    """aiosmtpd on a free loopback port: STARTTLS required, AUTH only after TLS."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificates / "server.pem", certificates / "server.key")
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
        authenticator=authenticator, auth_require_tls=True,
    )
    controller.start()
    yield port, inbox
    controller.stop()


def write_config(workdir: Path, email_section: str) -> Path:
    config = workdir / "sesame.yaml"
    config.write_text(f"data_directory: {workdir}/data\nhttp:\n  public_base: https://auth.example.org/\nemail:\n{email_section}")
    return config


def smtp_section(port: int, certificates: Path, password: str = SMTP_PASSWORD) -> str:
    return (
        "  from: '\"Example Auth\" <auth@example.org>'\n"
        "  reply_to: support@example.org\n"
        "  transport: smtp\n"
        "  mode: starttls\n"
        "  hostname: localhost\n"
        f"  port: {port}\n"
        f"  username: {SMTP_USER}\n"
        f"  password: {password}\n"
        f"  ca_file: {certificates / 'ca.pem'}\n"
    )


def send_test_email(config: Path, address: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BINARY), "manage", "send-test-email", address, "--config", str(config)],
        capture_output=True, text=True, timeout=60,
    )


def test_test_mail_arrives_over_starttls_with_auth(tmp_path, smtp_server, certificates):
    port, inbox = smtp_server
    config = write_config(tmp_path, smtp_section(port, certificates))

    result = send_test_email(config, "alice@example.org")

    assert result.returncode == 0, result.stderr
    assert len(inbox.envelopes) == 1
    envelope = inbox.envelopes[0]
    assert envelope.mail_from == "auth@example.org"
    assert envelope.rcpt_tos == ["alice@example.org"]
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["From"] == "Example Auth <auth@example.org>"
    assert message["Reply-To"] == "support@example.org"
    assert message["To"] == "alice@example.org"
    assert message["Subject"] == "Sesame test mail"
    assert message["Message-ID"].endswith("@example.org>")
    assert message["Date"].datetime is not None
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "test mail from Sesame at https://auth.example.org/" in text
    assert "<p>This is a test mail from Sesame at https://auth.example.org/.</p>" in html
    assert SMTP_PASSWORD not in result.stderr + result.stdout


def test_wrong_password_fails_with_the_smtp_reply_and_without_the_password(tmp_path, smtp_server, certificates):
    port, inbox = smtp_server
    config = write_config(tmp_path, smtp_section(port, certificates, password="not-the-password"))

    result = send_test_email(config, "alice@example.org")

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "535" in lines[0] and "AUTH" in lines[0]
    assert "not-the-password" not in result.stderr
    assert inbox.envelopes == []


def test_rejected_recipient_fails_naming_the_code(tmp_path, smtp_server, certificates):
    port, inbox = smtp_server
    config = write_config(tmp_path, smtp_section(port, certificates))

    result = send_test_email(config, "someone@nobody.example.org")

    assert result.returncode == 1
    assert result.stderr.strip() == "error: the SMTP server answered RCPT TO with 550 5.1.1 no such user here"
    assert inbox.envelopes == []


def test_untrusted_certificate_is_refused(tmp_path, smtp_server, certificates):
    port, inbox = smtp_server
    # Without ca_file the test CA is not trusted: verification is on by default.
    section = "".join(line + "\n" for line in smtp_section(port, certificates).splitlines() if "ca_file" not in line)
    config = write_config(tmp_path, section)

    result = send_test_email(config, "alice@example.org")

    assert result.returncode == 1
    assert "TLS" in result.stderr
    assert inbox.envelopes == []


def test_sendmail_transport_is_refused_at_config_load(tmp_path):
    config = write_config(tmp_path, "  transport: sendmail\n  command: /usr/sbin/sendmail\n")

    result = send_test_email(config, "alice@example.org")

    assert result.returncode == 2
    assert "sendmail transport is not supported" in result.stderr


def test_log_transport_shows_the_mail_instead_of_sending(tmp_path):
    config = write_config(tmp_path, "  transport: log\n")

    result = send_test_email(config, "alice@example.org")

    assert result.returncode == 0, result.stderr
    assert "alice@example.org" in result.stderr
    assert "Sesame test mail" in result.stderr
