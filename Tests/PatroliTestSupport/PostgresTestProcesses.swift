import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child started with `posix_spawn`: stdin from /dev/null, stdout and stderr to a file, no
/// other descriptor of this process inherited.
struct ChildProcess {
    let pid: pid_t

    static func spawn(_ executable: String, _ arguments: [String], output: String, workingDirectory: String,
                      newSession: Bool) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var checks = [
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0),
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644),
            posix_spawn_file_actions_adddup2(&actions, 1, 2),
        ]
        if let closeFrom = closeFromAction {
            checks.append(closeFrom(&actions, 3))
        }
        if newSession {
            checks.append(posix_spawnattr_setflags(&attributes, sessionFlag))
        }
        guard checks.allSatisfy({ $0 == 0 }) else {
            throw PostgresTestServerError("could not prepare to run \(executable)")
        }
        // `cd` in a shell: posix_spawn's chdir action is a GNU extension Swift does not import.
        let command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workingDirectory, executable] + arguments
        let argv = command.map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = (argv + [nil]).withUnsafeBufferPointer { pointers -> Int32 in
            guard let base = pointers.baseAddress else { return EINVAL }
            return posix_spawn(&pid, "/bin/sh", &actions, &attributes, base, environ)
        }
        guard result == 0 else {
            throw PostgresTestServerError("could not start \(executable): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid)
    }

    #if canImport(Glibc)
    private static let sessionFlag = Int16(0x80) // POSIX_SPAWN_SETSID (glibc), not imported into Swift
    #else
    private static let sessionFlag = Int16(POSIX_SPAWN_SETSID)
    #endif

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), looked up at run time because
    /// Swift does not import GNU extensions; nil where it is missing.
    private static let closeFromAction: CloseFrom? = {
        guard let handle = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Waits for the child to end; its exit status (128 + signal when killed).
    func wait() throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw PostgresTestServerError("waitpid failed (errno \(errno))") }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}

func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
