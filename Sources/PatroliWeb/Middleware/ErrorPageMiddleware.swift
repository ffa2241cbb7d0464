import Hummingbird
import PatroliQueue

/// Turns every error into a plain page: a short message for errors meant for the officer
/// (`HTTPError`, an unknown or claimed item), and for anything else a generic page with a
/// reference that matches the server log, where the details go. Nothing internal (stack traces,
/// SQL, file paths) reaches the browser.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return Pages.error(status: error.status, message: error.body ?? error.status.reasonPhrase,
                               session: context.session)
        } catch ReviewStoreError.itemNotFound(let id) {
            return Pages.error(status: .notFound, message: "Queue item \(id) does not exist.", session: context.session)
        } catch ReviewStoreError.leasedByAnotherReviewer(let id, let reviewer, let until) {
            return Pages.error(
                status: .conflict,
                message: "Queue item \(id) is claimed by \(reviewer) until \(PageFormat.time(until)). "
                    + "Wait for the claim to expire or ask them to release it.",
                session: context.session)
        } catch {
            let reference = SessionTokens.random().prefix(12)
            context.logger.error("request failed", metadata: [
                "reference": "\(reference)", "path": "\(request.uri.path)", "error": "\(String(reflecting: error))",
            ])
            return Pages.error(status: .internalServerError,
                               message: "Something went wrong. The error was logged with reference \(reference).",
                               session: context.session)
        }
    }
}
