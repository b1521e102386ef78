import Testing
@testable import PatchbayEngine

/// The printer on small hand-built documents: layout, escaping, nested
/// packages, resources and `use`.
struct WITPrinterTests {
    /// A document with an empty world `root` in `root:component`, ready to extend.
    static func rootDocument() -> (WitDocument, WitPackageID, WitWorldID) {
        var doc = WitDocument()
        let world = doc.add(WitWorld(name: "root"))
        let pkg = doc.add(WitPackage(name: WitPackageName(namespace: "root", name: "component"), worlds: [("root", world)]))
        doc[world].package = pkg
        return (doc, pkg, world)
    }

    @Test func emptyWorld() throws {
        let (doc, pkg, _) = Self.rootDocument()
        #expect(try WitPrinter.print(doc, main: pkg) == "package root:component;\n\nworld root {\n}\n")
    }

    @Test func keywordsAreEscaped() throws {
        var (doc, pkg, world) = Self.rootDocument()
        let rec = doc.add(WitTypeDef(name: "record", kind: .record([WitField(name: "type", type: .u8)]), owner: .world(world)))
        doc[world].imports.append((.name("record"), .type(rec)))
        doc[world].exports.append((.name("func"), .function(WitFunction(
            name: "func", params: [WitParam(name: "list", type: .id(rec))], result: .string))))
        let text = try WitPrinter.print(doc, main: pkg)
        #expect(text == """
            package root:component;

            world root {
              record %record {
                %type: u8,
              }

              export %func: func(%list: %record) -> string;
            }

            """)
    }

    @Test func externalIdEscapes() {
        #expect(WitNames.escapeString("a-b_c.d/e:f g") == "a-b_c.d/e:f g")
        #expect(WitNames.escapeString("!@#") == "\\u{21}\\u{40}\\u{23}")
        #expect(WitNames.escapeString("\"\\\n\t") == "\\\"\\\\\\n\\t")
        #expect(WitNames.escapeString("\u{2603}") == "\\u{2603}")
    }

    /// Foreign packages follow the main one; two blank lines between them.
    @Test func nestedPackages() throws {
        var (doc, pkg, world) = Self.rootDocument()
        for ns in ["a", "b"] {
            let iface = doc.add(WitInterface(name: "i"))
            let p = doc.add(WitPackage(name: WitPackageName(namespace: ns, name: "p", version: "1.0.0"), interfaces: [("i", iface)]))
            doc[iface].package = p
            doc[world].imports.append((.interface(iface), .interface(iface, externalId: ns == "a" ? "x!" : nil)))
        }
        let text = try WitPrinter.print(doc, main: pkg)
        #expect(text == """
            package root:component;

            world root {
              @external-id("x\\u{21}")
              import a:p/i@1.0.0;
              import b:p/i@1.0.0;
            }
            package a:p@1.0.0 {
              interface i {
              }
            }


            package b:p@1.0.0 {
              interface i {
              }
            }

            """)
    }

    @Test func resourceWithFunctions() throws {
        var (doc, pkg, world) = Self.rootDocument()
        let iface = doc.add(WitInterface(name: nil, package: pkg))
        let r = doc.add(WitTypeDef(name: "r", kind: .resource, owner: .interface(iface)))
        let own = doc.add(WitTypeDef(name: nil, kind: .handle(.own(r)), owner: .none))
        let borrow = doc.add(WitTypeDef(name: nil, kind: .handle(.borrow(r)), owner: .none))
        doc[iface].types.append(("r", r))
        doc[iface].functions = [
            WitFunction(name: "[constructor]r", kind: .constructor(r), params: [WitParam(name: "x", type: .u32)], result: .id(own)),
            WitFunction(name: "[method]r.get", kind: .method(r), isAsync: true,
                        params: [WitParam(name: "self", type: .id(borrow))], result: .u32),
            WitFunction(name: "[static]r.make", kind: .static(r), result: .id(own)),
            WitFunction(name: "use-it", params: [WitParam(name: "r", type: .id(borrow))]),
        ]
        doc[world].exports.append((.name("x"), .interface(iface)))
        let text = try WitPrinter.print(doc, main: pkg)
        #expect(text == """
            package root:component;

            world root {
              export x: interface {
                resource r {
                  constructor(x: u32);
                  get: async func() -> u32;
                  make: static func() -> r;
                }

                use-it: func(r: borrow<r>);
              }
            }

            """)
    }

    /// Types from another interface print as one `use` per source, with `as`
    /// for renamings, before local declarations.
    @Test func useStatements() throws {
        var (doc, pkg, world) = Self.rootDocument()
        let dep = doc.add(WitInterface(name: "types"))
        let depPkg = doc.add(WitPackage(name: WitPackageName(namespace: "a", name: "b"), interfaces: [("types", dep)]))
        doc[dep].package = depPkg
        let t1 = doc.add(WitTypeDef(name: "t1", kind: .enumeration([WitNamedCase(name: "x")]), owner: .interface(dep)))
        let t2 = doc.add(WitTypeDef(name: "t2", kind: .flags([WitNamedCase(name: "f")]), owner: .interface(dep)))
        doc[dep].types = [("t1", t1), ("t2", t2)]
        let user = doc.add(WitInterface(name: nil, package: pkg))
        let u1 = doc.add(WitTypeDef(name: "t1", kind: .alias(.id(t1)), owner: .interface(user)))
        let u2 = doc.add(WitTypeDef(name: "mine", kind: .alias(.id(t2)), owner: .interface(user)))
        let local = doc.add(WitTypeDef(name: "same", kind: .alias(.id(u1)), owner: .interface(user)))
        let list = doc.add(WitTypeDef(name: nil, kind: .list(.id(u2)), owner: .none))
        let res = doc.add(WitTypeDef(name: "res", kind: .result(ok: nil, err: .id(list)), owner: .interface(user)))
        doc[user].types = [("t1", u1), ("mine", u2), ("same", local), ("res", res)]
        doc[world].imports.append((.interface(dep), .interface(dep)))
        doc[world].exports.append((.name("user"), .interface(user)))
        let text = try WitPrinter.print(doc, main: pkg)
        #expect(text == """
            package root:component;

            world root {
              import a:b/types;

              export user: interface {
                use a:b/types.{t1, t2 as mine};

                type same = t1;

                type res = result<_, list<mine>>;
              }
            }
            package a:b {
              interface types {
                enum t1 {
                  x,
                }

                flags t2 {
                  f,
                }
              }
            }

            """)
    }

    @Test func stabilityAndDocs() throws {
        var (doc, pkg, world) = Self.rootDocument()
        doc[world].imports.append((.name("f"), .function(WitFunction(
            name: "f", docs: WitDocs("Does f.\n\nReally."), stability: .unstable(feature: "fancy", deprecated: "0.2.0")))))
        let text = try WitPrinter.print(doc, main: pkg)
        #expect(text == """
            package root:component;

            world root {
              /// Does f.
              ///
              /// Really.
              @unstable(feature = fancy)
              @deprecated(version = 0.2.0)
              import f: func();
            }

            """)
    }
}
