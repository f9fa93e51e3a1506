/// Evaluates evaluation contexts: an item's findings from the host-dependent CVEs it may be vulnerable to, given
/// the conditions its host meets. Independent contexts can be evaluated by several evaluators at once.
struct ContextEvaluator {
    let itemMatches: [ItemMatch]
    private var evaluator: CVEEvaluator

    /// The item number that stands for "another item of the host" in shared findings.
    static let provider: Int32 = -1

    /// A platform hit list is evidence, not an inventory: a few per node are enough to show why.
    static let platformEvidenceLimit = 3

    init(index: MatchIndex, itemMatches: [ItemMatch], keepsEvidence: Bool = true) {
        self.itemMatches = itemMatches
        evaluator = CVEEvaluator(index: index, keepsEvidence: keepsEvidence)
    }

    /// The context's findings, in CVE order.
    mutating func findings(of context: EvaluationContext) -> [LocalFinding] {
        let match = itemMatches[Int(context.item)]
        let touches = match.complexTouches
        var findings: [LocalFinding] = []
        var start = 0
        while start < touches.count {
            var end = start
            var vulnerable = false
            while end < touches.count, touches[end].cve == touches[start].cve {
                vulnerable = vulnerable || touches[end].vulnerable
                end += 1
            }
            if vulnerable,
                let finding = evaluator.finding(
                    cve: touches[start].cve,
                    item: context.item,
                    itemTouches: touches[start..<end],
                    states: match.hits,
                    conditions: context.conditions
                )
            {
                findings.append(finding)
            }
            start = end
        }
        return findings
    }
}
