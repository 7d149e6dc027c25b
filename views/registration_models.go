package views

// RegistrationFormPage registers an exchange that began outside the app into a position.
type RegistrationFormPage struct {
	Chrome
	ListURL    string
	PairURL    string
	PairTitle  string
	Heading    string // a sentence: "교육부가 직위 명칭 미입력(고용부)에 보낸 교류자의 교류 등록"
	Round      string
	PeriodRule string // what the round allows of the period; "" when it sets nothing
	Action     string
	Form       Form // models.RegistrationInput, with blank companion rows to fill in
}
