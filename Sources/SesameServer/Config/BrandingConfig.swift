/// `branding`: how the pages present the service. Sesame uses `tos_uri` (registration then needs
/// the terms accepted); MAS's other keys are accepted and not shown yet.
public struct BrandingConfig: ConfigSection, Equatable {
    public var serviceName: String?
    public var policyURI: String?
    /// Terms of service; when set, the registration form has a box to accept them.
    public var tosURI: String?
    public var imprint: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case serviceName = "service_name", policyURI = "policy_uri", tosURI = "tos_uri", imprint
    }

    /// Nothing configured.
    public static let `default` = BrandingConfig()

    init(serviceName: String? = nil, policyURI: String? = nil, tosURI: String? = nil, imprint: String? = nil) {
        self.serviceName = serviceName
        self.policyURI = policyURI
        self.tosURI = tosURI
        self.imprint = imprint
    }
}
