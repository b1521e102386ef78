import Testing
@testable import TerminalCore

/// The strict key-script notation of `patchbay render --keys` and the goldens.
struct EventScriptTests {
    func keys(_ events: [Event]) -> [Key?] {
        events.map { if case .key(let k) = $0 { return k } else { return nil } }
    }

    @Test func charactersAndNamedKeys() throws {
        let events = try EventScript.parse("j <tab><shift+tab><ctrl+c><f1><lt><space><pgdn>")
        #expect(keys(events) == [.char("j"), .char(" "), .tab, .backTab, .ctrl("c"), .function(1), .char("<"), .char(" "), .pageDown])
    }

    @Test func resizeAndMouse() throws {
        let events = try EventScript.parse("<resize 40x12><click 3,4><wheeldown 0,0><wheelup 9,9>")
        guard events.count == 5 else { Issue.record("\(events)"); return }
        if case .resize(let s) = events[0] { #expect(s == Size(width: 40, height: 12)) } else { Issue.record("not a resize") }
        if case .mouse(let m) = events[1] { #expect(m == MouseEvent(.press(.left), x: 3, y: 4)) } else { Issue.record("not a press") }
        if case .mouse(let m) = events[2] { #expect(m == MouseEvent(.release(.left), x: 3, y: 4)) } else { Issue.record("not a release") }
        if case .mouse(let m) = events[3] { #expect(m == MouseEvent(.wheelDown, x: 0, y: 0)) } else { Issue.record("not a wheel") }
        if case .mouse(let m) = events[4] { #expect(m == MouseEvent(.wheelUp, x: 9, y: 9)) } else { Issue.record("not a wheel") }
    }

    @Test func errorsNameTheColumn() {
        #expect(throws: EventScript.ParseError(column: 3, message: "'<' without a closing '>' (type a literal '<' as <lt>)")) {
            try EventScript.parse("ab<cd")
        }
        #expect(throws: EventScript.ParseError.self) { try EventScript.parse("<enterr>") }
        #expect(throws: EventScript.ParseError.self) { try EventScript.parse("<x>") }
        #expect(throws: EventScript.ParseError.self) { try EventScript.parse("<resize 0x10>") }
        #expect(throws: EventScript.ParseError.self) { try EventScript.parse("<resize 40x>") }
        #expect(throws: EventScript.ParseError.self) { try EventScript.parse("<click -1,2>") }
        do {
            _ = try EventScript.parse("jjj<nope>")
            Issue.record("no error")
        } catch {
            #expect(error.column == 4)
            #expect(error.description.hasPrefix("key script column 4: unknown key <nope>"))
        }
    }

    @Test func emptyScriptIsNoEvents() throws {
        #expect(try EventScript.parse("").isEmpty)
    }
}
