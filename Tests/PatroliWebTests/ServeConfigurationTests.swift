import Foundation
import PatroliQueue
import PatroliWeb
import Testing

@Suite struct ServeConfigurationTests {
    @Test func servingOverTLSMakesCookiesSecure() {
        #expect(!WebConfiguration().cookiesAreSecure)
        #expect(WebConfiguration(secureCookies: true).cookiesAreSecure)
        let tls = WebConfiguration.TLSFiles(certificateChain: "cert.pem", privateKey: "key.pem")
        #expect(WebConfiguration(tls: tls).cookiesAreSecure)
    }

    @Test func unreadableTLSFilesAreNamedWithAHint() async throws {
        let fixture = try await WebFixture()
        let missing = fixture.directory + "/missing-cert.pem"
        let configuration = WebConfiguration(tls: .init(certificateChain: missing, privateKey: missing))
        do {
            _ = try await buildApplication(configuration: configuration, store: fixture.store, accounts: fixture.store,
                                           hasher: WebFixture.hasher)
            Issue.record("a missing certificate must stop the server from starting")
        } catch let error as WebConfigurationError {
            #expect(error.description.contains("cannot read the TLS certificate `\(missing)`"))
            #expect(error.description.contains("PEM files"))
        }
    }
}
