module iamtui

go 1.26.8
