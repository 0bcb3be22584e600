"""Peak memory of the service under 5 concurrent hostile uploads (issue 14, finding 3).

    .venv/bin/python bench/hostile_upload_bench.py [--rounds 3]

Starts the service (uvicorn, SQLite in a temporary folder) in its own process, makes an
uploader key, then sends the five uploads of the probe at once, ``--rounds`` times:

* a 0.3 MB DOCX whose body claims 1,000 bytes and inflates to 300 MB (the lying-size zip)
* an 18.6 MB DOCX with 110 MB of body XML
* a 1 MB text without final punctuation (accepted: it is Vietnamese; extraction follows)
* a PDF page with 60,000 drawing objects
* an anonymous 50 MB chunked body

and prints each answer with its time, the service's resident memory before, and its peak
(VmHWM) during the rounds. Target: peak < 1 GB; the 1 MB text answered in ≤ 2 s.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "extraction"))

from hostile_files import huge_xml_docx, lying_size_docx, unpunctuated_text  # noqa: E402

MB = 2**20


def many_objects_pdf(count: int = 60_000) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 800, "Kinh gui cac so, ban, nganh.")
    for index in range(count):
        x = 50 + index % 500
        pdf.line(x, 100, x + 0.5, 100.5)
    pdf.save()
    return buffer.getvalue()


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(data_dir: Path) -> tuple[subprocess.Popen[bytes], str, dict[str, str]]:
    env = {**os.environ, "GIAOVIEC_DATA_DIR": str(data_dir), "GIAOVIEC_LOG_LEVEL": "ERROR"}
    giaoviec = str(Path(sys.executable).parent / "giaoviec")
    subprocess.run([giaoviec, "db", "upgrade"], env=env, check=True, capture_output=True)
    key = subprocess.run([giaoviec, "users", "add-key", "bench", "--org", "VP", "--role", "uploader"], env=env,
                         check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_environment",
                                "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/api/v1/health", timeout=1)
            return process, url, {"Authorization": f"Bearer {key}"}
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the service did not start")


def upload(url: str, headers: dict[str, str], name: str, data: bytes) -> tuple[str, int, float]:
    started = time.monotonic()
    answer = httpx.post(url + "/api/v1/documents", files={"file": (name, data)}, headers=headers, timeout=600)
    return name, answer.status_code, time.monotonic() - started


def chunked_anonymous(url: str, total: int = 50 * MB) -> tuple[str, int, float]:
    def body():
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        for _ in range(total // (64 * 1024)):
            yield b"x" * (64 * 1024)

    started = time.monotonic()
    try:
        answer = httpx.post(url + "/api/v1/documents", content=body(), timeout=60,
                            headers={"Content-Type": "multipart/form-data; boundary=b"})
        status = answer.status_code
    except httpx.HTTPError:  # the server answered 413 and closed while the body was still going
        status = 413
    return "anonymous 50 MB chunked", status, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = {"lying-size.docx": lying_size_docx(real_mb=300, declared=1000), "huge-xml.docx": huge_xml_docx(),
             "many-objects.pdf": many_objects_pdf()}
    print(f"files: {', '.join(f'{name} {len(data) / MB:.2f} MB' for name, data in files.items())}")
    with tempfile.TemporaryDirectory(prefix="giaoviec-hostile-") as tmp:
        process, url, headers = start_service(Path(tmp))
        try:
            time.sleep(1)
            name, status, seconds = upload(url, headers, "alone-1mb.txt", unpunctuated_text(1_000_000, seed=0))
            print(f"alone:   {'unpunctuated-1mb.txt':26} HTTP {status}  {seconds:6.2f} s (target ≤ 2 s)")
            time.sleep(1)
            baseline = status_kb(process.pid, "VmRSS") / 1024
            Path(f"/proc/{process.pid}/clear_refs").write_text("5")  # peak RSS from here on
            with ThreadPoolExecutor(max_workers=5) as pool:
                for round_ in range(1, args.rounds + 1):
                    text = unpunctuated_text(1_000_000, seed=round_)  # new bytes each round (no dedupe)
                    jobs = [pool.submit(upload, url, headers, name, data) for name, data in files.items()]
                    jobs.append(pool.submit(upload, url, headers, "unpunctuated-1mb.txt", text))
                    jobs.append(pool.submit(chunked_anonymous, url))
                    for job in jobs:
                        name, status, seconds = job.result()
                        print(f"round {round_}: {name:26} HTTP {status}  {seconds:6.2f} s")
            time.sleep(2)  # background extraction of the accepted text
            peak = status_kb(process.pid, "VmHWM") / 1024
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # an extraction still running in its thread
                process.kill()
                process.wait()
    print(f"service RSS before: {baseline:.0f} MB; peak during {args.rounds} rounds of 5 concurrent hostile "
          f"uploads: {peak:.0f} MB (target < 1024 MB)")


if __name__ == "__main__":
    main()
