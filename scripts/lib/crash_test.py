#!/usr/bin/env python3
"""Kill-and-recover test for xinfang's journal (run by scripts/crash-test).

Each episode starts a fresh journal and runs one batch of letters `--per-episode` times, each run
killed with SIGKILL after a random delay up to the time of a whole import; runs alternate between
reading the batch from a file and from stdin fed in random bursts; every other file run is killed the
moment the journal starts to grow (in the middle of a batch's append), the others after a random delay up to 70% of the
time a whole import takes.
After every kill:

* every case the killed process printed (complete lines only) is in the journal, for the same
  letter (source_id), and no case number was ever printed for two letters;
* the journal parses line by line, seq runs 1, 2, 3 … without gaps, the SHA-256 hash chain
  re-computed here holds, and the only possible problem is one torn last line (no final newline);
* the complete lines from before the run are unchanged, byte for byte;
* a torn line left by the run before is either still the last line or was moved to <journal>.torn;
* no letter and no case number is filed twice;
* `xinfang audit --verify`, when the binary has it, exits 0 on a clean journal and 3 naming the
  torn line otherwise.
Then a run without a kill must complete the batch: each letter filed exactly once, journal clean.
"""
import argparse, hashlib, json, os, random, signal, subprocess, sys, tempfile, threading, time

GENESIS = "0" * 64
HASH_SUFFIX = len(',"hash":"') + 64 + 2


def letters(count):
    regions = ["广州市", "深圳市", "珠海市", "汕头市", "佛山市"]
    categories = ["劳动社保", "城乡建设", "环境保护", "卫生健康"]
    out = []
    for i in range(count):
        out.append(json.dumps({
            "channel": "letter", "received": "2026-%02d-%02d" % (i % 9 + 1, i % 28 + 1),
            "region": regions[i % 5], "category": categories[i % 4],
            "summary": "来信反映第%d号问题，请求协调解决" % i,
            "petitioner": {"name": "测试%d" % i, "phone": "138%08d" % i},
            "source_id": "S-%d" % i}, ensure_ascii=False, separators=(",", ":")) + "\n")
    return "".join(out).encode()


class Failure(Exception):
    pass


def verify(data):
    """Checks the journal bytes; returns (complete_end, torn_bytes, {case: source_id})."""
    end = data.rfind(b"\n") + 1
    torn = data[end:]
    previous = GENESIS
    cases, sources = {}, set()
    for number, line in enumerate(data[:end].split(b"\n")[:-1], start=1):
        if len(line) <= HASH_SUFFIX or line[-HASH_SUFFIX:-HASH_SUFFIX + 9] != b',"hash":"':
            raise Failure("line %d: no hash at the end" % number)
        body, claimed = line[:-HASH_SUFFIX], line[-HASH_SUFFIX + 9:-2].decode()
        computed = hashlib.sha256(previous.encode() + body).hexdigest()
        if computed != claimed:
            raise Failure("line %d: hash chain broken" % number)
        previous = claimed
        event = json.loads(line)
        if event["seq"] != number:
            raise Failure("line %d: seq %s" % (number, event["seq"]))
        if event["event"] != "filed":
            raise Failure("line %d: unexpected event %s" % (number, event["event"]))
        if event["case"] in cases:
            raise Failure("line %d: case %s filed twice" % (number, event["case"]))
        source = event.get("source_id")
        if source is not None and source in sources:
            raise Failure("line %d: letter %s filed twice" % (number, source))
        cases[event["case"]] = source
        sources.add(source)
    return end, torn, cases


def audit_available(binary):
    result = subprocess.run([binary, "audit", "--help"], capture_output=True, text=True)
    return result.returncode == 0 and "--verify" in result.stdout


def feed(pipe, batch, rng):
    lines = batch.split(b"\n")
    index = 0
    try:
        while index < len(lines):
            count = rng.randint(1, 300)
            chunk = b"".join(line + b"\n" for line in lines[index:index + count] if line)
            index += count
            pipe.write(chunk)
            pipe.flush()
            time.sleep(rng.random() * 0.002)
    except (BrokenPipeError, OSError):
        pass
    finally:
        try:
            pipe.close()
        except OSError:
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--letters", type=int, default=20000)
    parser.add_argument("--per-episode", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    work = tempfile.mkdtemp(prefix="xinfang-crash-")
    batch_path = os.path.join(work, "letters.ndjson")
    batch = letters(options.letters)
    with open(batch_path, "wb") as f:
        f.write(batch)
    audit = audit_available(options.binary)
    started = time.monotonic()
    subprocess.run([options.binary, "file", "--journal", os.path.join(work, "calibration.ndjson"), batch_path],
                   stdout=subprocess.DEVNULL, check=True)
    whole = time.monotonic() - started
    figures = dict(aimed=0, kills=0, finished=0, torn=0, set_aside=0, printed=0, checks=0, episodes=0, audits=0)
    episode = 0
    try:
        while figures["kills"] < options.kills:
            journal = os.path.join(work, "episode%d.ndjson" % episode)
            printed, complete, torn_before = {}, b"", None
            rounds = 0
            while rounds < options.per_episode and figures["kills"] < options.kills:
                name = "episode %d run %d" % (episode, rounds)
                stdin_mode = (episode + rounds) % 2 == 1
                command = [options.binary, "file", "--journal", journal] + ([] if stdin_mode else [batch_path])
                process = subprocess.Popen(command, stdin=subprocess.PIPE if stdin_mode else subprocess.DEVNULL,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                feeder = None
                if stdin_mode:
                    feeder = threading.Thread(target=feed, args=(process.stdin, batch, random.Random(rng.random())))
                    feeder.start()
                output, errors = [], []
                readers = [threading.Thread(target=lambda s=s, o=o: o.append(s.read())) for s, o in
                           ((process.stdout, output), (process.stderr, errors))]
                for reader in readers:
                    reader.start()
                if not stdin_mode and rounds % 2 == 0:
                    # Aim at an append: kill the moment the journal starts to grow (a batch's write is under way).
                    figures["aimed"] += 1
                    start_size = os.path.getsize(journal) if os.path.exists(journal) else 0
                    deadline = time.monotonic() + whole * 2
                    while process.poll() is None and time.monotonic() < deadline:
                        if os.path.exists(journal) and os.path.getsize(journal) > start_size:
                            break
                else:
                    time.sleep(rng.random() * whole * 0.7)
                process.send_signal(signal.SIGKILL)
                process.wait()
                for thread in readers + ([feeder] if feeder else []):
                    thread.join()
                if process.returncode == -signal.SIGKILL:
                    figures["kills"] += 1
                elif process.returncode == 0:
                    figures["finished"] += 1
                else:
                    raise Failure("%s: exit status %d: %s" % (name, process.returncode, errors[0].decode()))
                if b"set aside" in errors[0]:
                    figures["set_aside"] += 1
                complete, torn_before = check(name, journal, output[0], printed, complete, torn_before, figures,
                                              options.binary if audit else None)
                rounds += 1
            # The next writer, not killed, completes the batch.
            result = subprocess.run([options.binary, "file", "--journal", journal, batch_path], capture_output=True)
            if b"set aside" in result.stderr:
                figures["set_aside"] += 1
            if result.returncode != 0:
                raise Failure("episode %d re-run: exit status %d: %s" % (episode, result.returncode, result.stderr.decode()))
            check("episode %d re-run" % episode, journal, result.stdout, printed, complete, torn_before, figures,
                  options.binary if audit else None)
            with open(journal, "rb") as f:
                end, torn, cases = verify(f.read())
            lines = result.stdout.count(b"\n")
            if torn or len(cases) != options.letters or lines != options.letters:
                raise Failure("episode %d: after the re-run %d letters filed, %d lines printed, torn %r; expected %d"
                              % (episode, len(cases), lines, torn[:40], options.letters))
            figures["episodes"] += 1
            episode += 1
    except Failure as failure:
        print("crash-test: FAILED: %s (files kept in %s)" % (failure, work), file=sys.stderr)
        return 1
    print("crash-test: %d imports of %d letters killed with SIGKILL (%d of them aimed at the moment the journal grew, "
          "the rest after a random delay; %d finished first), "
          "over %d episodes; %d torn last lines, %d set aside by the next writer; %d printed lines all found "
          "in the journal; %d journal checks (hash chain re-computed in Python%s); every re-run completed "
          "its batch with nothing lost or doubled"
          % (figures["kills"], options.letters, figures["aimed"], figures["finished"], figures["episodes"], figures["torn"],
             figures["set_aside"], figures["printed"], figures["checks"],
             ", and %d by xinfang audit --verify" % figures["audits"] if audit else "; xinfang has no audit --verify yet"))
    subprocess.run(["rm", "-rf", work])
    return 0


def check(name, journal, output, printed, complete_before, torn_before, figures, audit_binary):
    figures["checks"] += 1
    try:
        with open(journal, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        data = b""
    try:
        end, torn, cases = verify(data)
    except Failure as failure:
        raise Failure("%s: %s" % (name, failure))
    if not data.startswith(complete_before):
        raise Failure("%s: lines that were in the journal before the run were changed or lost" % name)
    if torn_before is not None:
        offset, tail = torn_before
        still_there = data[offset:offset + len(tail)] == tail and end <= offset
        try:
            with open(journal + ".torn", "rb") as f:
                set_aside = f.read().endswith(tail + b"\n")
        except FileNotFoundError:
            set_aside = False
        if not (still_there or set_aside):
            raise Failure("%s: the torn line the last run left is neither the last line nor in %s.torn" % (name, journal))
    if torn:
        figures["torn"] += 1
        marker = torn.find(b'"case":"')
        if marker >= 0 and len(torn) >= marker + 22:
            number = torn[marker + 8:marker + 22].decode(errors="replace")
            if number in printed:
                raise Failure("%s: the torn line holds %s, which was printed before it was durable" % (name, number))
    complete_output = output[:output.rfind(b"\n") + 1]
    for line in complete_output.splitlines():
        record = json.loads(line)
        number, source = record["case"], record["source_id"]
        if record["status"] not in ("filed", "duplicate"):
            raise Failure("%s: printed status %s" % (name, record["status"]))
        if cases.get(number) != source:
            raise Failure("%s: %s was printed for %s but the journal has %s" % (name, number, source, cases.get(number)))
        if printed.setdefault(number, source) != source:
            raise Failure("%s: %s was printed for %s before and now for %s" % (name, number, printed[number], source))
        figures["printed"] += 1
    if audit_binary:
        figures["audits"] += 1
        result = subprocess.run([audit_binary, "audit", "--verify", "--journal", journal], capture_output=True, text=True)
        expected = 3 if torn else 0
        if result.returncode != expected or (torn and "torn" not in result.stdout + result.stderr):
            raise Failure("%s: xinfang audit --verify exited %d, expected %d: %s"
                          % (name, result.returncode, expected, result.stdout + result.stderr))
    return data[:end], ((end, torn) if torn else None)


if __name__ == "__main__":
    sys.exit(main())
