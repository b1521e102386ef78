import Testing
import TerminalCore

@Suite struct LayoutTests {
    @Test func fixedAndFill() {
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        let rows = area.rows(.fixed(1), .fill, .fixed(1))
        #expect(rows == [Rect(x: 0, y: 0, width: 80, height: 1), Rect(x: 0, y: 1, width: 80, height: 22), Rect(x: 0, y: 23, width: 80, height: 1)])
    }

    @Test func percentAndWeightedFills() {
        let area = Rect(x: 2, y: 0, width: 100, height: 10)
        let columns = area.columns(.percent(30), .fill(1), .fill(2))
        #expect(columns.map(\.width) == [30, 24, 46])
        #expect(columns.map(\.x) == [2, 32, 56])
    }

    @Test func spacingAndRemainderGoesToFirstFills() {
        let columns = Rect(x: 0, y: 0, width: 11, height: 1).columns(.fill, .fill, .fill, spacing: 1)
        #expect(columns.map(\.width) == [3, 3, 3])
        #expect(columns.map(\.x) == [0, 4, 8])
        let uneven = Rect(x: 0, y: 0, width: 10, height: 1).columns(.fill, .fill, .fill)
        #expect(uneven.map(\.width) == [4, 3, 3])
    }

    @Test func overflowShrinksLaterSlotsFirst() {
        let rows = Rect(x: 0, y: 0, width: 10, height: 5).rows(.fixed(3), .fixed(3), .fill)
        #expect(rows.map(\.height) == [3, 2, 0])
    }

    @Test func tinyAreasNeverGoNegative() {
        let rect = Rect(x: 0, y: 0, width: 1, height: 1)
        #expect(rect.inset(by: 2).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -5, height: 3).width == 0)
        #expect(Rect(x: 0, y: 0, width: 80, height: 24).centered(width: 20, height: 4) == Rect(x: 30, y: 10, width: 20, height: 4))
        #expect(Rect(x: 0, y: 0, width: 10, height: 3).centered(width: 20, height: 4) == Rect(x: 0, y: 0, width: 10, height: 3))
    }
}
