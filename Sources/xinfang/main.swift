// The xinfang executable: wires the real process into the library and exits with what it returns.
import Foundation
import XinfangCore

signal(SIGPIPE, SIG_IGN)
// A file-size limit (ulimit -f) makes write fail with EFBIG, reported like a full disk, instead of killing the process.
signal(SIGXFSZ, SIG_IGN)
exit(CLI.run(Array(CommandLine.arguments.dropFirst()), environment: .process()))
