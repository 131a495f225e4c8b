# escape=`
FROM golang:1.24-windowsservercore-ltsc2022 AS build
WORKDIR C:\src
COPY . .
RUN go build -o C:\out\app.exe .\cmd\app

FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY --from=build C:\out\app.exe C:\app\app.exe
ENTRYPOINT ["C:\\app\\app.exe"]
