package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// The site's policies say what this software does; what only the operating
// offices can decide (retention periods, the officer responsible, the licence
// of the data) is written 미정 until they decide it.

// Privacy is 개인정보처리방침.
func (h *Handlers) Privacy(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	page := views.PolicyPage{Chrome: h.publicChrome(c, v, u.t("개인정보처리방침")), Heading: u.t("개인정보처리방침"), Sections: []views.PolicySection{
		{Heading: u.t("공개 화면"), Paragraphs: []string{
			u.t("로그인하지 않고 보는 공개 화면과 공개 자료는 방문자의 개인정보를 받지 않고, 쿠키를 쓰지 않습니다."),
			u.t("서버는 운영과 보안을 위해 요청마다 시각, 접속 주소, 요청한 주소, 응답 상태를 기록합니다."),
			u.t("교류자 등 업무 담당자의 성명, 전화번호, 전자우편 주소는 공개 화면과 공개 자료에 나오지 않습니다. 문의처로 보도자료에 실린 담당 부서의 연락처만 싣습니다."),
		}},
		{Heading: u.t("업무 화면"), Paragraphs: []string{
			u.t("업무 화면의 계정에는 아이디, 성명, 역할, 소속 부처와, 입력한 경우 전자우편 주소와 전화번호를 둡니다. 계정을 만들고 업무 담당자에게 연락하는 데에만 씁니다."),
			u.t("목록 화면에서는 전자우편 주소와 전화번호를 가려 보이고, 관리자가 한 사람의 연락처를 열어 보면 그 사실을 감사 기록에 남깁니다."),
			u.t("교류자의 성명이나 연락처가 나오는 화면을 열거나 그 파일을 내려받으면 계정, 일시, 접속 주소, 대상 교류자, 수행 업무를 접속기록에 남기고, 고치거나 지울 수 없게 2년 이상 보관합니다. 파일을 내려받을 때에는 사유를 입력해야 합니다."),
			u.t("로그인하면 세션 쿠키 하나를 쓰며, 로그아웃하거나 정해진 시간이 지나면 끝납니다."),
		}},
		{Heading: u.t("보유 기간과 책임자"), Paragraphs: []string{
			u.t("개인정보의 보유 기간과 개인정보 보호책임자: 미정 (운영 기관이 정해 이곳에 싣습니다)."),
		}},
	}}
	page.Chrome.Description = u.t("전략적 인사교류 누리집이 다루는 개인정보와 그 처리 방법.")
	return htmlDoc(c, views.Policy(page))
}

// Copyright is 저작권정책.
func (h *Handlers) Copyright(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	page := views.PolicyPage{Chrome: h.publicChrome(c, v, u.t("저작권정책")), Heading: u.t("저작권정책"), Sections: []views.PolicySection{
		{Heading: u.t("자료의 출처"), Paragraphs: []string{
			u.t("이 누리집의 교류직위와 성과는 2024. 12. 22. 인사혁신처·국무조정실 공동 보도자료 「부처 간 벽 없었더니 성과...인사교류 확산」과, 그 뒤 관리자가 공개한 협업과제에서 나온 것입니다."),
			u.t("공개 자료(CSV, XLSX, JSON)는 공개 자료 쪽에서 내려받을 수 있습니다."),
		}},
		{Heading: u.t("이용 조건"), Paragraphs: []string{
			u.t("공개 자료의 이용 조건(공공누리 유형 등): 미정 (운영 기관이 정해 이곳에 싣습니다)."),
		}},
	}}
	page.Chrome.Description = u.t("전략적 인사교류 누리집 자료의 출처와 이용 조건.")
	return htmlDoc(c, views.Policy(page))
}
