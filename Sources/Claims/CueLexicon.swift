/// The generic stance cues for English, Russian and Ukrainian, written in query-term syntax (`word`, `prefix*`,
/// multi-word phrases). They are compiled into the same trie as the claims' terms, so the one pass over an item
/// that finds claim terms also finds the cues.
enum CueLexicon {
    static let entries: [(StanceCue, [String])] = [
        (
            .denial,
            [
                "deny", "denies", "denied", "denying", "denial*", "refute*", "refuting", "debunk*", "not true", "false",
                "fake", "untrue", "baseless", "nonsense", "rubbish", "disinformation", "misinformation", "contradict*",
                "опроверг*", "отрица*", "фейк*", "ложь", "ложн*", "неправд*", "дезинформац*",
                "не соответствует действительности",
                "спростув*", "запереч*", "неправда", "брехн*", "дезінформац*",
            ]
        ),
        (
            .rejection,
            [
                "reject*", "rebuff*", "dismiss*", "rule out", "rules out", "ruled out", "ruling out", "refuse*",
                "refusal*", "repudiat*", "no plans", "no intention", "backtrack*", "walked back", "scrap*", "veto*",
                "block*", "oppos*",
                "отверг*", "отвергл*", "отказ*", "исключил*", "исключа*", "отклонил*", "отклони*", "заблокир*",
                "блокир*", "против",
                "відкин*", "відкида*", "відмов*", "виключ*", "відхил*", "заблокув*", "проти",
            ]
        ),
        (
            .negation,
            [
                "not", "no", "never", "neither", "nor", "without", "cannot", "won't", "won’t", "don't", "don’t",
                "doesn't", "doesn’t", "didn't", "didn’t", "isn't", "isn’t", "aren't", "aren’t", "wasn't", "wasn’t",
                "hasn't", "hasn’t", "haven't", "haven’t", "can't", "can’t", "wouldn't", "wouldn’t", "shouldn't",
                "shouldn’t", "nothing", "none",
                "не", "нет", "ни", "никогда", "ничего", "без", "ні", "ніколи", "немає", "нічого",
            ]
        ),
        (
            .failure,
            [
                "no agreement", "no deal", "no breakthrough", "no progress", "without agreement", "without a deal",
                "without an agreement", "failed", "fails", "failure", "collaps*", "stalled", "stall*",
                "fell through", "broke down", "ended without", "deadlock*", "impasse",
                "без соглашения", "без договоренност*", "сорвал*", "сорван*", "провал*", "тупик*", "не договорились",
                "без угоди", "без домовленост*", "зірвал*", "зірван*", "провалил*", "глухий кут", "не домовилися",
            ]
        ),
        (
            .hedge,
            [
                "may", "might", "could", "possibl*", "perhaps", "maybe", "likely", "unlikely", "reportedly",
                "allegedly", "alleged", "rumor*", "rumour*", "speculat*", "consider*", "mull*", "weigh*",
                "is said to", "are said to", "was said to", "unconfirmed", "sources say", "sources said",
                "according to sources", "anonymous", "unnamed", "whether", "explor*", "discuss*", "option*",
                "idea", "draft", "question",
                "возможн*", "может", "могут", "мог", "могла", "могли", "вероятн*", "якобы", "предполож*", "слух*",
                "по данным источников", "источник*", "рассматрива*", "обсужда*", "обсудил*", "не исключ*",
                "ли", "проект*", "вопрос*",
                "можлив*", "може", "можуть", "міг", "могла", "могли", "ймовірн*", "нібито", "чутк*", "джерел*",
                "розгляда*", "обговорю*", "обговори*", "чи", "питання",
            ]
        ),
        (
            .call,
            [
                "urge*", "call for", "calls for", "called for", "calling for", "called on", "calls on", "appeal*",
                "should", "ought", "must", "argue*", "argues", "advocat*", "push for", "pushes for", "pushed for",
                "demanded", "demands", "demanding", "insist*", "wants",
                "призвал*", "призыва*", "призыв*", "требу*", "потребовал*", "следует", "должна", "должен", "должны",
                "настаива*", "хочет",
                "закликав", "закликал*", "заклика*", "вимага*", "вимагав", "має", "мають", "повинн*", "наполяга*",
                "хоче",
            ]
        ),
        (
            .report,
            [
                "said", "says", "say", "told", "stated", "states", "according to", "claimed", "claims", "wrote",
                "quoted", "announced", "declared",
                "заявил*", "сообщил*", "сказал*", "по словам", "по данным", "утверждает", "объявил*", "написал*",
                "заявив", "заявила", "повідомив", "повідомила", "сказав", "за словами", "за даними", "стверджує",
                "оголосив", "оголосила",
            ]
        ),
        (
            .confirmation,
            [
                "confirm*", "officially", "signed", "agreed", "approved", "adopted", "announced", "endorse*",
                "подтвердил*", "подтвержд*", "официально", "подписал*", "согласовал*", "одобрил*", "утвердил*",
                "підтверд*", "офіційно", "підписав", "підписала", "погодив", "погодила", "схвалив", "ухвалив",
            ]
        ),
        (
            .prediction,
            [
                "will", "would", "if", "unless", "expected", "expects", "plan to", "plans to", "planning to",
                "going to", "soon", "next week", "could be", "ready to", "prepared to", "planning", "preparing",
                "preparations", "готов*", "подготовк*", "готу*", "підготовк*",
                "если", "будет", "будут", "ожидает*", "ожида*", "планиру*", "собирается", "намерен*",
                "якщо", "буде", "будуть", "очіку*", "планує", "планують", "збирається", "має намір",
            ]
        ),
    ]
}
