package models

// The programme's data as published in the joint press release of 인사혁신처 and
// 국무조정실 of 2024-12-22 (../shared/seed). Nothing here goes beyond the source:
// what it does not say (round-1 position titles and grades, task statuses) stays unknown.

import "time"

type seedMinistry struct {
	code, short, name string
	kind              MinistryKind
}

// seedEnglishNames are the official English names a source gives (the sources
// are listed in migration 0070, which fills them in on existing databases);
// a ministry missing here has no English name on record.
var seedEnglishNames = map[string]string{
	"moel":  "Ministry of Employment and Labor",
	"mss":   "Ministry of SMEs and Startups",
	"motie": "Ministry of Trade, Industry and Energy",
	"mfds":  "Ministry of Food and Drug Safety",
	"molit": "Ministry of Land, Infrastructure and Transport",
	"mof":   "Ministry of Oceans and Fisheries",
	"mnd":   "Ministry of National Defense",
	"dapa":  "Defense Acquisition Program Administration",
	"mpva":  "Ministry of Patriots and Veterans Affairs",
	"mpm":   "Ministry of Personnel Management",
	"opc":   "Office for Government Policy Coordination",
	"me":    "Ministry of Environment",
	"mcst":  "Ministry of Culture, Sports and Tourism",
	"mafra": "Ministry of Agriculture, Food and Rural Affairs",
}

var seedMinistries = []seedMinistry{
	{"moel", "고용부", "고용노동부", KindMinistry},
	{"mss", "중기부", "중소벤처기업부", KindMinistry},
	{"moef", "기재부", "기획재정부", KindMinistry},
	{"motie", "산업부", "산업통상자원부", KindMinistry},
	{"mohw", "복지부", "보건복지부", KindMinistry},
	{"mfds", "식약처", "식품의약품안전처", KindAgency},
	{"molit", "국토부", "국토교통부", KindMinistry},
	{"mof", "해수부", "해양수산부", KindMinistry},
	{"fsc", "금융위", "금융위원회", KindCommission},
	{"mnd", "국방부", "국방부", KindMinistry},
	{"dapa", "방사청", "방위사업청", KindAgency},
	{"mpva", "보훈부", "국가보훈부", KindMinistry},
	{"mpm", "인사처", "인사혁신처", KindAgency},
	{"kdca", "질병청", "질병관리청", KindAgency},
	{"me", "환경부", "환경부", KindMinistry},
	{"mcst", "문체부", "문화체육관광부", KindMinistry},
	{"moe", "교육부", "교육부", KindMinistry},
	{"mafra", "농식품부", "농림축산식품부", KindMinistry},
	{"opc", "국조실", "국무조정실", KindOffice},
}

type seedRound struct {
	number                  int
	title                   string
	status                  RoundStatus
	directorGeneral, divDir int
	scheduleNote            string
}

// pressRelease is the press release's 보도 시점, 2024.12.22.(일) 12:00. When
// round 1 was first announced (February 2024) is not in the source; the press
// release made both rounds public, so both are announced at that moment.
var pressRelease = time.Date(2024, 12, 22, 12, 0, 0, 0, Seoul)

var seedRounds = []seedRound{
	{1, "1차 전략적 인사교류", RoundActive, 10, 14, "2024년 2월 시행"},
	{2, "2차 전략적 인사교류", RoundSelected, 4, 14, "2024년 12월 선정, 2025년 1월 중 교류 시행 목표"},
}

// seedPair is a pair of positions; an empty title or grade is unknown in the source.
type seedPair struct {
	round             int
	number            int // 0: not numbered in the source
	grade             Grade
	theme             string
	ministryA, titleA string
	ministryB, titleB string
	tasks             []seedTask
}

type seedTask struct {
	title    string
	category TaskCategory
	outcomes []seedOutcome
}

type seedOutcome struct {
	kind                      OutcomeKind
	summary, label            string
	before, after, amount     float64
	unit                      string
	periodBefore, periodAfter string
	better                    Better
}

// seedAssessmentLabel names the 환경영향평가 metric; migration 0007 gives it to databases seeded before.
const seedAssessmentLabel = "환경영향평가 기간 (이전 값은 통상 걸리던 기간)"

var seedPairs = []seedPair{
	// Round 2: the attachment (붙임), in its order.
	{round: 2, number: 1, grade: GradeDivisionDirector, theme: "중소기업 인력난 해소를 위한 고용지원 강화", ministryA: "moel", titleA: "기업일자리지원과장", ministryB: "mss", titleB: "인력정책과장"},
	{round: 2, number: 2, grade: GradeDivisionDirector, theme: "국내 복귀 및 해외 진출 기업 경쟁력 강화", ministryA: "moef", titleA: "기업환경과장", ministryB: "motie", titleB: "해외투자과장"},
	{round: 2, number: 3, grade: GradeDivisionDirector, theme: "안전하고 효과적인 한약의 공급과 글로벌 경쟁력 확보", ministryA: "mohw", titleA: "한약산업과장", ministryB: "mfds", titleB: "한약정책과장"},
	{round: 2, number: 4, grade: GradeDivisionDirector, theme: "항만 재개발 사업과 연계한 도시재생사업", ministryA: "molit", titleA: "도시재생과장", ministryB: "mof", titleB: "항만연안재생과장"},
	{round: 2, number: 5, grade: GradeDivisionDirector, theme: "기업 옥석가리기를 통한 국민경제 활성화", ministryA: "moef", titleA: "정책기획과장", ministryB: "fsc", titleB: "기업구조개선과장"},
	{round: 2, number: 6, grade: GradeDivisionDirector, theme: "국방규격 관리를 통한 국방 자원 배분의 효율성 제고", ministryA: "mnd", titleA: "재정회계담당관", ministryB: "dapa", titleB: "기반전력사업표준자원 관리팀장"},
	{round: 2, number: 7, grade: GradeDivisionDirector, theme: "국가보훈과 연계한 공무상 재해 인정·보상 전 단계 협력 강화", ministryA: "mpva", titleA: "심사기준과장", ministryB: "mpm", titleB: "재해보상심사담당관"},
	{round: 2, number: 8, grade: GradeDirectorGeneral, theme: "신종 및 상시 감염병 예방·관리", ministryA: "mohw", titleA: "공공보건정책관", ministryB: "kdca", titleB: "의료안전예방국장"},
	{round: 2, number: 9, grade: GradeDirectorGeneral, theme: "대북 억제·대응 능력의 획기적 보강을 위한 감시·정찰 능력 강화", ministryA: "mnd", titleA: "전력정책국장", ministryB: "dapa", titleB: "감시전자사업부장"},

	// Round 1: the five ministry pairs of the table of main results; positions unknown.
	{round: 1, ministryA: "molit", ministryB: "me", tasks: []seedTask{{
		title: "용인반도체 산단 신속 조성", category: CategoryAdministrativeEfficiency,
		outcomes: []seedOutcome{
			// "통상 1년" is the usual duration, not a time point: it is said in the
			// label, and the before value has no period (1년 is written as 12개월).
			{kind: OutcomeMetric, summary: "환경영향평가 기간 통상 1년 → 4개월", label: seedAssessmentLabel,
				before: 12, after: 4, unit: "개월", better: BetterLower},
			{kind: OutcomeAmount, summary: "국가·일반산단 통합용수관로 설치 (개별용수 공급 대비 3,300억원 절감)",
				label: "통합용수관로 설치 절감액 (개별용수 공급 대비)", amount: 3300, unit: "억원"},
		},
	}}},
	{round: 1, ministryA: "motie", ministryB: "mss", tasks: []seedTask{{
		title: "경제자유구역과 규제자유특구 연계", category: CategoryAdministrativeEfficiency,
		outcomes: []seedOutcome{
			{kind: OutcomeNarrative, summary: "경자구역청장에게도 규제특구 신규 지정 신청권한 부여 추진"},
			{kind: OutcomeNarrative, summary: "규제실증부터 입주 등 사업화까지 체계적 지원"},
		},
	}}},
	{round: 1, ministryA: "mcst", ministryB: "mof", tasks: []seedTask{{
		title: "국내관광과 결합한 크루즈 관광 활성화", category: CategoryPublicBenefit,
		outcomes: []seedOutcome{
			{kind: OutcomeMetric, summary: "크루즈관광객 증가 ('23년 27.4만명 → '24년 86만명)", label: "크루즈관광객",
				before: 274000, after: 860000, unit: "명", periodBefore: "2023년", periodAfter: "2024년", better: BetterHigher},
		},
	}}},
	{round: 1, ministryA: "moel", ministryB: "moe", tasks: []seedTask{{
		title: "직무능력은행과 교육행정정보시스템(NEIS) 연계", category: CategoryPublicBenefit,
		outcomes: []seedOutcome{
			{kind: OutcomeNarrative, summary: "한 곳에서 NCS 교과 이수정보·국가기술자격 취득정보 모두 발급 → 직업계고 학생 편익 제고"},
		},
	}}},
	{round: 1, ministryA: "mafra", ministryB: "mfds", tasks: []seedTask{{
		title: "생산-유통단계 부적합 농산물 합동 원인조사 실시", category: CategoryPublicBenefit,
		outcomes: []seedOutcome{
			{kind: OutcomeNarrative, summary: "합동조사로 국민부담 경감, 부적합 농산물 발생시 신속한 원인 규명 등 조기 대처"},
		},
	}}},
}

var seedContacts = []OfficeContact{
	{Organization: "인사혁신처 인사혁신국 개방교류과", Duty: "총괄", Responsibility: "책임자", JobTitle: "과장", Name: "김수란", Phone: "044-201-8350", Position: 1},
	{Organization: "인사혁신처 인사혁신국 개방교류과", Duty: "총괄", Responsibility: "담당자", JobTitle: "사무관", Name: "김은진", Phone: "044-201-8354", Position: 2},
	{Organization: "국무조정실 성과관리운영팀", Responsibility: "책임자", JobTitle: "팀장", Name: "한아름", Phone: "044-200-2514", Position: 3},
	{Organization: "국무조정실 성과관리운영팀", Responsibility: "담당자", JobTitle: "사무관", Name: "김남윤", Phone: "044-200-2519", Position: 4},
}
