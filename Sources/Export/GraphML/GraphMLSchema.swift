import CLibXML2

/// Validates documents against an XML schema with libxml2, offline.
///
/// ```swift
/// let errors = XMLSchemaValidator(schemaPath: "../shared/schemas/graphml/graphml.xsd").validate(bytes)
/// ```
public struct XMLSchemaValidator {
    let schemaPath: String

    public init(schemaPath: String) {
        self.schemaPath = schemaPath
    }

    /// The validation errors; empty when the document is valid.
    public func validate(_ document: [UInt8]) -> [String] {
        // Read from its own path so that the schema's relative imports (xlink.xsd) resolve.
        guard let parserContext = xmlSchemaNewParserCtxt(schemaPath) else { return ["cannot read schema \(schemaPath)"] }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let schema = xmlSchemaParse(parserContext) else { return ["cannot parse schema \(schemaPath)"] }
        defer { xmlSchemaFree(schema) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(validation) }
        // libxml2 may keep pointers into the buffer until the document is freed: all of it happens inside.
        return document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> [String] in
                let options = Int32(XML_PARSE_NONET.rawValue)
                guard let doc = xmlReadMemory(chars.baseAddress, Int32(chars.count), "document.xml", "UTF-8", options) else {
                    return ["not well-formed XML"]
                }
                defer { xmlFreeDoc(doc) }
                let result = xmlSchemaValidateDoc(validation, doc)
                return result == 0 ? [] : ["not valid against \(schemaPath) (libxml2 code \(result))"]
            }
        }
    }
}
