package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/gyoryu/gyoryu/models"
)

// userCommand manages accounts from the command line; the first administrator
// is made here, since no account exists outside demo mode until then.
//
//	web user create --role admin --login NAME [--name 표시이름] [--ministry CODE]
//
// The password is read from standard input (one line), so it stays out of
// the shell history and the process list.
func userCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: web user create --role admin|reviewer|coordinator --login NAME [--name NAME] [--ministry CODE] < password")
	}
	cfg, fs, err := parseConfigWith("user create", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.String("role", "", "admin, reviewer or coordinator")
		fs.String("login", "", "the sign-in name")
		fs.String("name", "", "the display name (default: the login)")
		fs.String("ministry", "", "the ministry's English code, for coordinators (e.g. moel)")
	})
	if err != nil {
		return err
	}
	flagValue := func(name string) string { return fs.Lookup(name).Value.String() }
	store, err := openCurrent(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()

	in := models.UserInput{Login: flagValue("login"), DisplayName: flagValue("name"), Role: models.Role(flagValue("role"))}
	if in.DisplayName == "" {
		in.DisplayName = in.Login
	}
	if code := flagValue("ministry"); code != "" {
		ministries, err := store.Ministries(ctx)
		if err != nil {
			return err
		}
		for _, m := range ministries {
			if m.Code == code {
				in.MinistryID = m.ID
			}
		}
		if in.MinistryID == 0 {
			return fmt.Errorf("no ministry with the code %q", code)
		}
	}
	fmt.Fprintln(stderr, "Password (at least 10 characters), then Enter:")
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	in.Password = strings.TrimRight(line, "\r\n")
	if in.Password == "" {
		return errors.New("no password given on standard input")
	}
	u, err := store.CreateUser(ctx, models.System, in)
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return fmt.Errorf("cannot create the account in %s: %s", store.Location(), ve.Error())
	}
	if err != nil {
		return fmt.Errorf("create the account in %s: %w", store.Location(), err)
	}
	fmt.Fprintf(stdout, "created %s account %q (id %d) in %s\n", u.Role, u.Login, u.ID, store.Location())
	return nil
}
