package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// storyItem is one thing the press release says of the programme: the site's
// sentence (a catalogue key, so it has its English) and the release's own
// words it rests on, quoted as published.
type storyItem struct {
	heading, sentence, quote string
}

// programmeStory is what the press release of 2024-12-22 says of how the
// programme runs, in its order; TestAboutTellsWhatThePressReleaseSays checks
// that every quote is the release's text word for word.
var programmeStory = []storyItem{
	{"사업의 시작",
		"전략적 인사교류는 2024년 2월, 국정과제 등 범부처 협업 분야를 중심으로 국장급 10개, 과장급 14개, 모두 24개 직위로 처음 시행되었습니다.",
		"전략적 인사교류는 국정과제 등 범부처 협업 분야·과제를 중심으로 부처 간 상호 이해가 필요하거나 전문성을 활용할 수 있는 24개 직위(국장급 10개, 과장급 14개)를 대상으로 지난 2월 처음 시행했다."},
	{"처음 참여하는 기관",
		"2차에는 보건복지부, 질병관리청, 방위사업청, 금융위원회가 처음으로 참여합니다.",
		"특히 보건복지부, 질병관리청, 방위사업청, 금융위원회 등 그간 전략적 인사교류가 시행되지 않았던 기관도 처음으로 참여해 다양한 정책분야로 전략적 인사교류를 확산하는 기반을 마련했다."},
	{"2차 교류의 진행 순서",
		"2차 교류는 교류자 선발, 2025년 1월 중 교류 시행(목표), 직위별 세부 협업과제 선정의 순서로 진행됩니다. (보도자료의 「내년 1월」은 보도 시점 2024. 12. 22. 기준입니다.)",
		"이번 2차 전략적 인사교류는 내년 1월 중 교류 시행을 목표로 교류자 선발 등 관련 절차를 진행하고 이후 직위별 세부 협업과제 선정을 추진할 예정이다."},
	{"실적 점검·평가와 인사상 특전",
		"인사혁신처와 국무조정실은 협업과제 실적을 주기적으로 점검·평가하고, 교류자에게 평가수당 우대 등 인사상 특전을 줄 방침입니다.",
		"또한 인사처와 국조실은 인사교류를 통한 협업이 실질적인 성과 창출로 이어질 수 있도록 지속·주기적으로 협업과제 실적을 점검·평가하고, 교류자에게 평가수당 우대 등 인사상 특전을 부여할 방침이다."},
	{"동반 교류",
		"교류자 아래 직급의 공무원이 교류자와 함께 교류하는 동반 교류를 활성화할 계획입니다.",
		"아울러 교류자가 우수한 역량을 마음껏 펼칠 수 있도록 교류자 아래 직급자와 함께 교류하는 ‘동반 교류’를 활성화하는 등 협업하기 좋은 환경을 조성해 전략적 인사교류의 범정부적 확산과 정착을 위해 노력해 나갈 계획이다."},
	{"사람-업무-성과를 잇는 성과관리",
		"사람, 업무, 성과를 하나로 잇는 통합형 성과관리로 협업을 뒷받침해 왔습니다.",
		"그간 전략적 인사교류는 정부 효율성 및 국민 편의 제고로 직결되도록 사람-업무-성과가 연결되는 통합형 성과관리를 통해 ‘일이 되게 하는’ 협업 분위기 조성을 위해 노력했다"},
	{"정부업무평가와 새 협업과제",
		"기존 협업과제는 2024 정부업무평가 결과를 반영해 고도화하고, 새 협업과제는 민생현안 등 협업이 꼭 필요한 분야에서 발굴합니다.",
		"향후 기존 협업과제는 2024 정부업무평가 결과를 반영하여 고도화하고, 신규 협업과제는 민생현안 등 협업이 긴요한 분야를 중심으로 발굴·추진할 수 있도록 노력을 기울이겠다."},
}

// pressReleaseTitle names the source of every statement on /about.
const pressReleaseTitle = "부처 간 벽 없었더니 성과...인사교류 확산"

// About is /about: how the programme runs, as the press release tells it,
// each statement with the release's words beside it.
func (h *Handlers) About(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	page := views.AboutPage{Chrome: h.publicChrome(c, v, u.t("사업 소개")),
		Source: u.t("출처: 인사혁신처·국무조정실 공동 보도자료 「%s」 (보도 시점 2024. 12. 22. 12:00)", pressReleaseTitle)}
	page.Chrome.Description = u.t("전략적 인사교류가 어떻게 운영되는지: 동반 교류, 인사상 특전, 처음 참여하는 기관, 정부업무평가와의 연계, 2차 교류의 진행 순서를 보도자료의 문장과 함께 싣습니다.")
	for _, it := range programmeStory {
		page.Items = append(page.Items, views.StoryItem{Heading: u.word(it.heading), Sentence: u.word(it.sentence), Quote: it.quote})
	}
	return htmlDoc(c, views.About(page))
}
