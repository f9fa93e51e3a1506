/// The words installers add to a product's name that say nothing about which product it is, in both languages,
/// already folded (lower case, Simplified Han). Three strengths: noise is removed outright (architecture,
/// language); soft words stay but a candidate need not explain them (editions, generic words); legal suffixes
/// are removed from publishers.
enum NoiseVocabulary {
    static let architectures: Set<String> = [
        "x64", "x86", "x86_64", "x86-64", "amd64", "arm64", "aarch64", "ia64", "i386", "i686", "win64", "64-bit",
        "32-bit", "64bit", "32bit", "64-bits", "32-bits", "x64-bit", "x86-bit", "64bits", "32bits",
    ]
    /// Follow a bare `64` or `32` to make an architecture: `64 bit`, `(64 位元)`.
    static let bitWords: Set<String> = ["bit", "bits", "位元", "位", "位版"]

    static let languageCodes: Set<String> = [
        "en", "zh", "ja", "ko", "fr", "de", "es", "it", "pt", "ru", "nl", "pl", "sv", "tr", "th", "cs", "da", "fi",
        "nb", "no", "hu", "el", "he", "ar", "uk", "ro", "sk", "sl", "hr", "bg", "et", "lv", "lt", "id", "ms", "vi",
        "ca", "eu", "gl", "sr", "hi",
    ]
    /// Language names; counted as noise only where languages are written (brackets, after a dash), except
    /// `mui`, which nothing else means.
    static let languageWords: Set<String> = [
        "english", "chinese", "traditional", "simplified", "chineses", "chineset", "japanese", "korean", "french",
        "francais", "german", "deutsch", "spanish", "espanol", "italian", "italiano", "portuguese", "portugues",
        "dutch", "nederlands", "russian", "polish", "swedish", "turkish", "thai", "czech", "multilingual",
        "language", "languages", "international", "us", "uk", "intl", "suomi", "finnish", "dansk", "danish", "svenska",
        "norsk", "norwegian", "ukrainian", "polski", "magyar", "hungarian", "cestina", "turkce", "greek", "hebrew",
        "arabic", "romana", "romanian", "slovak", "slovenian", "croatian", "bulgarian", "catalan", "basque",
        "brazilian", "portugues-brasil", "nederlandse",
    ]
    static let unambiguousLanguageWords: Set<String> = ["mui", "zh-tw", "zh-cn", "zh-hk", "zh-hant", "zh-hans"]
    /// Han words for languages, removed wherever they occur inside a CJK run (folded to Simplified).
    static let hanLanguages: [String] = [
        "繁体中文版", "简体中文版", "繁体中文", "简体中文", "中文版", "繁体", "简体", "中文", "英文版", "日文版", "多国语言版",
        "多国语言", "语言包",
    ]
    /// Han edition words, longest first so that `专业增强版` goes before `专业版`.
    static let hanEditions: [String] = [
        "家用及中小企业版", "家庭及学生版", "家用及学生版", "中小企业版", "企业应用版", "专业增强版", "专业版", "标准版", "企业版",
        "家用版", "家庭版", "个人版", "旗舰版", "教育版", "商业版", "商用版", "免费版", "试用版", "正式版", "安装程序", "卸载",
    ]
    /// Editions and generic words: a candidate need not explain them, though they count when it does. Not `ce`:
    /// NVD names Community Edition products apart (oracle:mysql_workbench_ce), so the word tells products apart.
    static let softWords: Set<String> = [
        "professional", "pro", "plus", "standard", "enterprise", "ultimate", "premium", "home", "business",
        "student", "students", "community", "edition", "basic", "personal", "free", "freeware", "lite",
        "trial", "education", "academic", "corporate", "the", "for", "and", "of", "a", "an", "version", "ver",
        "update", "build", "setup", "installer", "install", "package", "remove", "only", "uninstall", "plugin",
        "plug-in", "activex", "x", "xi", "ii", "iii", "iv", "sp1", "sp2", "sp3", "service", "pack", "release", "rel",
        "final", "stable", "desktop", "on", "with", "in", "by", "windows", "win", "32", "64", "mac", "tm", "r",
        "ltsc", "apps", "app", "new", "beta", "alpha", "rc", "preview", "nightly", "esr", "server", "client",
        "agent", "tools", "utility", "utilities", "manager", "runtime", "suite", "installed", "allusers",
    ]
    /// Edition words: a product spelt with one edition is not the name's other edition.
    static let editionWords: Set<String> = [
        "professional", "pro", "plus", "standard", "enterprise", "ultimate", "premium", "home", "business",
        "student", "community", "express", "basic", "personal",
    ]
    /// Words that never help tell products apart; they do not even count as evidence.
    static let stopWords: Set<String> = ["the", "for", "and", "of", "a", "an", "on", "with", "in", "by", "tm", "r"]

    /// Publishers' legal forms and company words, removed from the end of a publisher (repeatedly) and anywhere
    /// for the Han ones.
    static let legalSuffixes: Set<String> = [
        "inc", "inc.", "incorporated", "corporation", "corp", "corp.", "co", "co.", "company", "ltd", "ltd.",
        "limited", "llc", "l.l.c", "gmbh", "ag", "sa", "s.a", "ab", "asa", "bv", "b.v", "plc", "pty", "kk", "srl",
        "s.r.l", "oy", "as", "a.s", "nv", "n.v", "spa", "s.p.a", "lp", "llp", "sarl", "s.a.r.l", "kg", "se",
    ]
    static let companyWords: Set<String> = [
        "software", "systems", "system", "technologies", "technology", "tech", "project", "team", "foundation",
        "community", "development", "developers", "group", "holdings", "holding", "international", "labs",
        "solutions", "computer", "computers", "the", "and", "&", "networks", "electronics", "communications",
    ]
    static let hanLegalSuffixes: [String] = ["股份有限公司", "有限责任公司", "有限公司", "股份公司", "(股)", "集团", "公司"]
}
